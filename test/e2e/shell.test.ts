import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';

/**
 * A new person's first minutes, in Chromium against `mailbench web`: the first-run
 * screen, the starter in the editor, an edit that the linter flags, every tool in the
 * rail (checked by axe-core, no serious or critical violation, and photographed), the
 * theme switched to dark, and every control reachable by Tab with a name and a visible focus.
 */
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'e2e-shell');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let page: Page;
const session = appInBrowser();
const pageErrors: string[] = [];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core over the whole page; injected through DevTools, so the app's CSP need not allow it.
 * Monaco's rendered code lines are left out: they are a picture of the text (screen readers
 * read Monaco's own textarea), and their colors are Monaco's built-in 'vs' theme, whose red
 * attribute names (#ff0000 on white, 4.0:1) fail AA contrast; that theme belongs to the editor.
 */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    "axe.run({ exclude: [['.monaco-editor .view-lines']] }, { resultTypes: ['violations'] }).then((result) => result.violations)",
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * What has focus: a path to tell stops apart, its accessible name (aria-label, labelledby,
 * label, text, title) and whether the focus ring shows. In-page code, so it is a string.
 */
const focusProbe = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const labelledBy = element.getAttribute('aria-labelledby');
  const name = element.getAttribute('aria-label')
    || (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '')
    || element.labels?.[0]?.textContent
    || element.closest('label')?.textContent
    || element.textContent
    || element.getAttribute('title')
    || '';
  const ring = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
  return { path: element.tagName.toLowerCase() + '#' + element.id + '.' + element.className + '|' + name.trim().slice(0, 40), name: name.trim(), visible: ring };
})()`;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  page = await session.browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(session.app.url);
});

describe('a new person\'s path through the app (Chromium, browser mode)', () => {
  it('opens on a first-run screen that explains the four tools', async () => {
    await page.getByRole('heading', { name: 'Welcome to Mailbench' }).waitFor({ timeout: 20_000 });
    for (const tool of ['Lint', 'Authentication', 'Seed tests', 'Warmup']) {
      expect(await page.getByRole('heading', { name: tool, exact: true }).count(), tool).toBe(1);
    }
    await shot('00-first-run');
    expect(await seriousViolations()).toEqual([]);
  });

  it('opens the starter template in the editor and shows its size in the status bar', async () => {
    await page.getByRole('button', { name: 'Open the starter template' }).click();
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('status-document').textContent(), { timeout: 15_000 }).toMatch(/newsletter\.mjml/);
    await expect.poll(() => page.getByTestId('status-size').textContent(), { timeout: 20_000 }).toMatch(/KB of 102\.0 KB|KB of 102 KB/);
  });

  it('flags an edit that adds spam words: the Lint tool lists findings and the status bar counts them', async () => {
    // Find a heading of the starter with Monaco's own find, close it (the match stays selected) and type over it.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+F');
    await page.keyboard.type('Faster reports');
    await page.keyboard.press('Escape');
    await page.keyboard.type('FREE!!! 100% GUARANTEED WINNER, ACT NOW, CLICK HERE $$$');
    await expect.poll(() => page.getByTestId('status-document').textContent(), { timeout: 10_000 }).toMatch(/unsaved/);
    await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: 'Lint', exact: true }).click();
    await expect.poll(() => page.getByTestId('status-lint').textContent(), { timeout: 30_000 }).toMatch(/\d+ (error|warning|note)/);
    await expect.poll(() => page.locator('[data-panel-host="lint"]').getByText(/FREE|GUARANTEED|capital|shout|exclamation/i).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('walks every tool in the rail: each passes axe and is photographed', async () => {
    const tools = await page.getByRole('navigation', { name: 'Tools' }).getByRole('button').evaluateAll((buttons) =>
      buttons.map((button) => ({ id: button.getAttribute('data-panel')!, name: button.getAttribute('aria-label')! })),
    );
    expect(tools.map((tool) => tool.id)).toEqual(expect.arrayContaining(['editor', 'settings']));
    for (const [index, tool] of tools.entries()) {
      await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: tool.name, exact: true }).click();
      const host = page.locator(`[data-panel-host="${tool.id}"]`);
      await host.waitFor({ state: 'visible', timeout: 20_000 });
      await expect.poll(() => host.getByRole('status').filter({ hasText: /^Loading / }).count(), { timeout: 20_000 }).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: tool.name, exact: true }).getAttribute('aria-current')).toBe('page');
      await page.waitForTimeout(300);
      await shot(`${String(index + 1).padStart(2, '0')}-${tool.id}`);
      expect(await seriousViolations(), tool.id).toEqual([]);
    }
  });

  it('switches to the dark theme in Settings, and the tools still pass axe', async () => {
    await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shot('20-settings-dark');
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: 'Editor', exact: true }).click();
    await page.waitForTimeout(300);
    await shot('21-editor-dark');
    expect(await seriousViolations()).toEqual([]);
  });

  it('keeps the theme choice in the data folder across a reload', async () => {
    await page.reload();
    await page.getByRole('navigation', { name: 'Tools' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByRole('heading', { name: 'Welcome to Mailbench' }).count()).toBe(0);
  });

  it('lists every shortcut in a help sheet that F1 opens and Escape closes', async () => {
    await page.keyboard.press('F1');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.getByText('Save as…').count()).toBe(1);
    await shot('22-shortcuts');
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await page.keyboard.press('ControlOrMeta+,');
    await page.locator('[data-panel-host="settings"]').waitFor({ state: 'visible' });
  });

  it('reaches every control of the shell by Tab, each with a name and a visible focus', async () => {
    // Start from the first tool in the rail and go round the page once.
    await page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.locator('[data-panel-host="settings"]').getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Tools' }).getByRole('button').first().focus();
    await page.keyboard.press('Shift+Tab');
    const seen = new Map<string, { name: string; visible: boolean }>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focus = (await page.evaluate(focusProbe)) as { path: string; name: string; visible: boolean } | null;
      if (!focus) continue;
      if (seen.has(focus.path)) break;
      seen.set(focus.path, focus);
    }
    const stops = [...seen.entries()];
    expect(stops.length, stops.map(([path]) => path).join('\n')).toBeGreaterThan(8);
    expect(stops.filter(([, stop]) => !stop.name).map(([path]) => path)).toEqual([]);
    expect(stops.filter(([, stop]) => !stop.visible).map(([path]) => path)).toEqual([]);
    const names = stops.map(([, stop]) => stop.name);
    for (const name of ['Editor', 'Settings', 'Shortcuts']) expect(names).toContain(name);
  });

  it('routes dropped files by kind: a message to Authentication, a template to the Editor, anything else refused', async () => {
    const drop = (name: string, content: string) =>
      page.evaluate(`(() => {
        const data = new DataTransfer();
        data.items.add(new File([${JSON.stringify(content)}], ${JSON.stringify(name)}));
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
      })()`);
    const rail = page.getByRole('navigation', { name: 'Tools' });
    await drop('received.eml', 'From: a@example.com\r\nTo: b@example.net\r\nSubject: Hi\r\n\r\nHello\r\n');
    await expect.poll(() => rail.getByRole('button', { name: 'Authentication', exact: true }).getAttribute('aria-current')).toBe('page');
    await drop('dropped.mjml', '<mjml><mj-body><mj-section><mj-column><mj-text>Dropped</mj-text></mj-column></mj-section></mj-body></mjml>');
    // The editor holds unsaved edits from earlier: the app asks before replacing them.
    page.once('dialog', (dialog) => void dialog.accept());
    await expect.poll(() => page.getByTestId('status-document').textContent(), { timeout: 10_000 }).toMatch(/dropped\.mjml/);
    expect(await rail.getByRole('button', { name: 'Editor', exact: true }).getAttribute('aria-current')).toBe('page');
    await drop('notes.txt', 'just text');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'does not open notes.txt' }).count()).toBe(1);
  });

  it('had no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
