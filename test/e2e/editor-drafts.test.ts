import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import { openEditor } from './editor-page';

let browser: Browser;
const apps: AppProcess[] = [];
const data = tempDir();

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const app of apps) await app.stop();
  data.cleanup();
});

/** What the host holds, asked over its contract the way the page does. */
async function drafts(app: AppProcess): Promise<Array<{ id: string; source: string }>> {
  const response = await fetch(`${app.origin}/rpc/drafts.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', Origin: app.origin },
    body: '{}',
  });
  const result = (await response.json()) as { ok: boolean; value: { drafts: Array<{ id: string; source: string }> } };
  return result.value.drafts;
}

describe('autosaved drafts survive a killed process', () => {
  it('offers the typed draft back after SIGKILL and a restart on the same data folder', async () => {
    const first = await startApp(data.dir);
    apps.push(first);
    const editor = await openEditor(browser, first);
    await editor.cursorToLineEnd(3);
    await editor.page.keyboard.type(' KILLTEST');
    // The draft reaches SQLite without any save action (debounced autosave while typing).
    await expect.poll(async () => (await drafts(first)).map((draft) => draft.source.includes('KILLTEST')), { timeout: 10_000 }).toEqual([true]);
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    await editor.page.close();

    const second = await startApp(data.dir);
    apps.push(second);
    const again = await openEditor(browser, second);
    const offer = again.page.getByRole('region', { name: 'Unsaved drafts' });
    await expect.poll(() => offer.textContent(), { timeout: 15_000 }).toMatch(/Unsaved changes to newsletter\.mjml from .+ were kept/);
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => again.editorText(), { timeout: 10_000 }).toContain('KILLTEST');
    await expect.poll(() => again.frameText(), { timeout: 15_000 }).toContain('Read the full changelog');
    expect(await again.page.getByTestId('document-title').textContent()).toContain('•');
    // Restored work is the same draft, updated in place (no copies pile up).
    await again.cursorToLineEnd(3);
    await again.page.keyboard.type(' MORE');
    await expect.poll(async () => (await drafts(second)).filter((draft) => draft.source.includes('KILLTEST')).length).toBe(1);
    expect(again.errors).toEqual([]);
  });

  it('restores a draft by what it holds: MJML autosaved while the document was in HTML mode comes back as MJML', async () => {
    const dir = tempDir();
    const app = await startApp(dir.dir);
    const source = '<mjml><mj-body><mj-section><mj-column><mj-text>Restored MJML marker</mj-text></mj-column></mj-section></mj-body></mjml>';
    // What a pre-fix app stored after MJML was pasted into an HTML document.
    const saved = await fetch(`${app.origin}/rpc/drafts.save`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', Origin: app.origin },
      body: JSON.stringify({ id: crypto.randomUUID(), title: 'promo.html', language: 'html', source }),
    });
    expect(((await saved.json()) as { ok: boolean }).ok).toBe(true);
    const editor = await openEditor(browser, app);
    const offer = editor.page.getByRole('region', { name: 'Unsaved drafts' });
    await expect.poll(() => offer.textContent(), { timeout: 15_000 }).toMatch(/promo\.html/);
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => editor.page.getByRole('group', { name: 'Language' }).getByRole('button', { pressed: true }).textContent(), { timeout: 10_000 }).toBe('MJML');
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Restored MJML marker');
    await app.stop();
    dir.cleanup();
    expect(editor.errors).toEqual([]);
  });
});
