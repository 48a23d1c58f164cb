import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';
import { openEditor } from './editor-page';

const session = appInBrowser();

const template = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Demo day</title></head>
<body style="background-color:#ffffff;color:#222222">
<div style="display:none">Book your seat for demo day.</div>
<p>Hello, our demo day is on Friday. Come and see what is new, meet the team and ask anything.</p>
<p><a href="http://example.com/a">Agenda</a> and <a href="http://example.com/b">venue</a>.</p>
<p style="color:#ffffff;background-color:#3b82f6">Book your seat</p>
</body></html>`;

describe('the Lint panel groups findings and lists every rule (Chromium, browser mode)', () => {
  it('groups by rule with a count, hides info until asked, and lists rules that did not fire with their description', async () => {
    const editor = await openEditor(session.browser, session.app);
    const { page } = editor;
    await editor.replaceSource(template);
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).click();
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Book your seat');
    await page.getByRole('button', { name: 'Lint', exact: true }).click();
    const findings = page.getByRole('list', { name: 'Findings' });

    // Two http:// links: one group with a count and both places.
    await expect.poll(() => findings.getByRole('heading', { name: /http-link × 2/ }).count(), { timeout: 20_000 }).toBe(1);
    expect(await findings.getByRole('list', { name: 'http-link: 2 places' }).getByRole('button').count()).toBe(2);

    // White on a brand blue (3.68:1) is information: hidden until Include info is ticked.
    expect(await findings.textContent()).not.toContain('enough for large text');
    await page.getByRole('checkbox', { name: /Include info/ }).check();
    await expect.poll(() => findings.textContent()).toContain('enough for large text');

    // Rule settings: every rule, also those that did not fire, with what it checks.
    const settings = page.getByRole('region', { name: 'Lint settings' });
    await settings.getByRole('searchbox').fill('css-display-grid');
    const row = settings.getByRole('row', { name: /caniemail\/css-display-grid/ });
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(1);
    expect(await row.textContent()).toContain('display:grid is not supported by part of your audience.');
    await settings.getByRole('searchbox').fill('');
    expect(await settings.locator('summary').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Client support \(caniemail\) \(\d{3} rules/), expect.stringMatching(/^Accessibility \(\d+ rules/)]));
    expect(editor.errors).toEqual([]);
    await page.close();
  });
});
