import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';
import { flexDarkTemplate } from '../unit/clients/sample';
import { openEditor } from './editor-page';

const session = appInBrowser();
const lineOf = (needle: string) => flexDarkTemplate.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('the client preview in Chromium (browser mode)', () => {
  it('shows Gmail and Outlook differing from the browser in the documented ways, each change listed, side by side', async () => {
    const editor = await openEditor(session.browser, session.app);
    const { page } = editor;
    await editor.replaceSource(flexDarkTemplate);
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).click();
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Spring sale');
    const style = (title: string, selector: string, property: string) =>
      page.frameLocator(`iframe[title="${title}"]`).locator(selector).first().evaluate((e, p) => e.ownerDocument.defaultView!.getComputedStyle(e).getPropertyValue(p), property);

    // The browser: the flex row and the rounded card, as written.
    expect(await style('Email preview', '.row', 'display')).toBe('flex');
    expect(await style('Email preview', '.card', 'border-top-left-radius')).toBe('12px');

    const pick = (label: string) => page.getByRole('combobox', { name: 'Client', exact: true }).selectOption({ label });
    // Gmail web keeps display:flex, drops flex-direction and the dark-mode media query.
    await pick('Gmail (web)');
    const gmailChanges = page.getByRole('list', { name: 'Changes by Gmail (web)' });
    await expect.poll(() => gmailChanges.textContent(), { timeout: 10_000 }).toContain(`line ${lineOf('@media (prefers-color-scheme')} @media (prefers-color-scheme: dark) { … } removed`);
    expect(await gmailChanges.textContent()).toContain(`line ${lineOf('<div class="row"')} flex-direction: row removed from <div>`);
    expect(await style('Email preview: Gmail (web)', '.row', 'display')).toBe('flex');
    const gmailHead = await page.frameLocator('iframe[title="Email preview: Gmail (web)"]').locator('head').innerHTML();
    expect(gmailHead).not.toContain('prefers-color-scheme');

    // Outlook for Windows: no flexbox, no rounded corners, and its conditional ghost table is there.
    await pick('Outlook (Windows, Word engine)');
    const outlookChanges = page.getByRole('list', { name: 'Changes by Outlook (Windows, Word engine)' });
    await expect.poll(() => outlookChanges.textContent(), { timeout: 10_000 }).toContain(`line ${lineOf('<div class="row"')} display: flex removed from <div>`);
    expect(await outlookChanges.textContent()).toContain(`line ${lineOf('<!--[if mso]><table')} Outlook-only content (<!--[if mso]>) shown`);
    expect(await style('Email preview: Outlook (Windows, Word engine)', '.row', 'display')).toBe('block');
    expect(await style('Email preview: Outlook (Windows, Word engine)', '.card', 'border-top-left-radius')).toBe('0px');
    expect(await page.frameLocator('iframe[title="Email preview: Outlook (Windows, Word engine)"]').locator('table[role="presentation"]').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Outlook (Windows, Word engine) preview' }).textContent()).toContain('fidelity low');

    // Dark mode: Apple Mail applies the email's dark rules; the Gmail app inverts instead and never sees them.
    await page.getByRole('combobox', { name: 'Dark mode' }).selectOption('media');
    await pick('Apple Mail (macOS)');
    await expect.poll(() => style('Email preview: Apple Mail (macOS)', '.card', 'background-color'), { timeout: 10_000 }).toBe('rgb(17, 24, 39)');
    await pick('Gmail app (Android)');
    await expect.poll(() => style('Email preview: Gmail app (Android)', '.card', 'background-color'), { timeout: 10_000 }).toBe('rgb(26, 26, 26)');
    expect(await page.getByRole('list', { name: 'Changes by Gmail app (Android)' }).textContent()).toContain('background-color: #ffffff shown as #1a1a1a on <div>');
    await page.getByRole('combobox', { name: 'Dark mode' }).selectOption('off');

    // Side by side at one width.
    await page.getByRole('button', { name: 'Compare clients' }).click();
    const titles = ['Email preview: Gmail (web)', 'Email preview: Outlook (Windows, Word engine)', 'Email preview: Apple Mail (macOS)'];
    for (const title of titles) await page.locator(`iframe[title="${title}"]`).waitFor({ timeout: 10_000 });
    const widths = await Promise.all(titles.map(async (title) => (await page.locator(`iframe[title="${title}"]`).boundingBox())!.width));
    expect(new Set(widths).size).toBe(1);
    expect(widths[0]).toBe(600);
    if (process.env.MAILBENCH_SCREENSHOTS) await page.screenshot({ path: join(process.env.MAILBENCH_SCREENSHOTS, 'client-preview-compare.png'), fullPage: true });
    expect(editor.errors).toEqual([]);
    await page.close();
  });
});
