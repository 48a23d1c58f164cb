import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, screenshotPath } from '../support/app-in-browser';

/**
 * A new user in the editor: pastes a real template (HTML into the MJML starter mode, MJML into
 * HTML), switches modes, and lints a template with many findings. Every state must agree with
 * the text: no MJML shown as raw HTML, no page that scrolls the app's own toolbar away.
 */
const session = appInBrowser();
let page: Page;
const errors: string[] = [];

const mjml = '<mjml><mj-body><mj-section><mj-column><mj-text>Pasted MJML marker</mj-text></mj-column></mj-section></mj-body></mjml>';
const manyFindings = `<!DOCTYPE html><html><head><title>Many findings</title></head><body>${Array.from({ length: 60 }, (_, i) => `<p><a href="http://site${i}.example/page">link ${i}</a> <img src="https://img.example/x${i}.png"></p>`).join('\n')}</body></html>`;

const language = () => page.getByRole('group', { name: 'Language' }).getByRole('button', { pressed: true }).textContent();
const editorArea = () => page.getByRole('region', { name: 'Template source' }).locator('.view-lines');

async function paste(text: string): Promise<void> {
  // Page code is passed as text: this tsconfig is Node's and has no DOM globals.
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await editorArea().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

beforeAll(async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.app.url).origin });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message + ' ' + (error.stack ?? '')));
  await page.goto(session.app.url);
  await page.getByRole('button', { name: 'Open the starter template' }).click();
  await editorArea().waitFor({ state: 'attached', timeout: 20_000 });
});

describe('a new user in the editor', () => {
  it('opens the starter without an error of its own, and says why its images do not show', async () => {
    await expect.poll(() => page.getByTestId('remote-images-off').textContent(), { timeout: 20_000 }).toMatch(/Remote images are off: \d+ images? from the web/);
    await expect.poll(() => page.locator('.status-bar').textContent(), { timeout: 20_000 }).toMatch(/spam/);
    expect(await page.locator('.status-bar').textContent()).not.toMatch(/\d+ errors?/);
    await page.screenshot({ path: screenshotPath('new-user-starter.png') });
    await page.getByTestId('remote-images-off').getByRole('button', { name: 'Load remote images' }).click();
    expect(await page.getByTestId('remote-images-off').count()).toBe(0);
    await page.getByRole('button', { name: 'Remote images', exact: true }).click();
  });

  it('pastes a real HTML template into the MJML mode a fresh document starts in: the document becomes HTML and says so', async () => {
    expect(await language()).toBe('MJML');
    await paste(readFileSync(join(import.meta.dirname, '../fixtures/templates/cerberus/hybrid.html'), 'utf8'));
    await expect.poll(language, { timeout: 10_000 }).toBe('HTML');
    expect(await page.getByRole('status').filter({ hasText: 'The pasted text is HTML' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('document-title').textContent()).toMatch(/\.html/);
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await expect.poll(() => frame.locator('body').innerText({ timeout: 10_000 }), { timeout: 20_000 }).toMatch(/\w{3,}/);
    await expect.poll(() => page.locator('.status-bar').textContent(), { timeout: 20_000 }).toMatch(/spam \d/);
    // Nothing on screen reads as a program's words instead of a person's.
    expect(await page.locator('body').innerText()).not.toMatch(/undefined|NaN|does not fit its schema|\[object /);
    await page.screenshot({ path: screenshotPath('new-user-real-template.png') });
  });

  it('paste of a template with dozens of findings', async () => {
    await paste(manyFindings);
    await expect.poll(() => page.locator('.status-bar').textContent(), { timeout: 20_000 }).toMatch(/\d+ warnings?/);
  });

  it('with dozens of findings, the window never scrolls: the toolbar stays, the findings scroll inside their panel', async () => {
    await page.mouse.move(640, 820);
    await page.mouse.wheel(0, 4000);
    await page.mouse.move(300, 400);
    await page.mouse.wheel(0, 4000);
    const layout = await page.evaluate(`({
      page: document.scrollingElement.scrollHeight,
      window: window.innerHeight,
      toolbarTop: document.querySelector('.editor-toolbar').getBoundingClientRect().top,
      workspaceScrolled: document.querySelector('.workspace').scrollTop,
    })`) as { page: number; window: number; toolbarTop: number; workspaceScrolled: number };
    expect(layout.page).toBeLessThanOrEqual(layout.window);
    expect(layout.toolbarTop).toBeGreaterThanOrEqual(0);
    expect(layout.workspaceScrolled).toBe(0);
  });

  it('pastes MJML into the HTML document: it becomes MJML and compiles, instead of showing raw tags', async () => {
    await paste(mjml);
    await expect.poll(language, { timeout: 10_000 }).toBe('MJML');
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await expect.poll(() => frame.locator('body').innerText({ timeout: 10_000 }), { timeout: 20_000 }).toContain('Pasted MJML marker');
    expect(await frame.locator('body').innerText()).not.toContain('<mj-text>');
  });

  it('switching MJML to HTML asks, and converts to the compiled HTML only when told to', async () => {
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert MJML to HTML?' });
    await dialog.getByRole('button', { name: 'Keep MJML' }).click();
    expect(await language()).toBe('MJML');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).click();
    await dialog.getByRole('button', { name: 'Convert to HTML' }).click();
    await expect.poll(language).toBe('HTML');
    await expect.poll(() => editorArea().innerText()).toMatch(/<!doctype\s+html>/i);
    // HTML cannot become MJML by a click: the switch says why instead of reinterpreting the text.
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'MJML' }).click();
    const refusal = page.getByRole('dialog', { name: 'This is HTML, not MJML' });
    await refusal.waitFor();
    await page.screenshot({ path: screenshotPath('new-user-not-mjml.png') });
    await refusal.getByRole('button', { name: 'Keep HTML' }).click();
    expect(await language()).toBe('HTML');
    expect(errors).toEqual([]);
  });

  it('exports what is on screen as an .eml a sender would send', async () => {
    const out = join(session.dataDir, 'new-user.eml');
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await exportDialog.getByLabel('Save to path (leave empty to download)').last().fill(out);
    await exportDialog.getByRole('button', { name: 'Export .eml' }).click();
    await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
    const eml = readFileSync(out, 'latin1');
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
    expect(eml).toContain('Pasted MJML marker');
    await exportDialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });

  it('pasting MJML into an opened .html file does not write MJML over the .html: Save asks for a .mjml name', async () => {
    const html = join(session.dataDir, 'campaign.html');
    writeFileSync(html, '<!doctype html><html><head><title>Campaign</title></head><body><p>Plain HTML file</p></body></html>');
    await page.getByRole('button', { name: 'Open…' }).click();
    const openDialog = page.getByRole('dialog', { name: 'Open a template' });
    await openDialog.getByLabel('File path').fill(html);
    // The unsaved document asks before it is replaced: this person agrees.
    page.once('dialog', (dialog) => void dialog.accept());
    await openDialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('document-title').textContent(), { timeout: 10_000 }).toMatch(/^campaign\.html/);
    await expect.poll(language, { timeout: 10_000 }).toBe('HTML');
    await paste(mjml);
    await expect.poll(language, { timeout: 10_000 }).toBe('MJML');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saveAs = page.getByRole('dialog', { name: 'Save as' });
    await expect.poll(() => saveAs.getByLabel('File path').inputValue()).toBe(join(session.dataDir, 'campaign.mjml'));
    await saveAs.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => existsSync(join(session.dataDir, 'campaign.mjml'))).toBe(true);
    expect(readFileSync(join(session.dataDir, 'campaign.mjml'), 'utf8')).toContain('<mjml>');
    expect(readFileSync(html, 'utf8')).toContain('Plain HTML file');
    expect(errors).toEqual([]);
  });
});
