import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';
import { type EditorPage, openEditor } from './editor-page';

let editor: EditorPage;
const session = appInBrowser();

/** A loopback server that counts every request made to it: the hostile template's targets. */
const hits: string[] = [];
let target: Server;
let origin = '';

beforeAll(async () => {
  target = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<p>landing page</p>');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  editor = await openEditor(session.browser, session.app);
});
afterAll(async () => {
  await new Promise((resolve) => target?.close(resolve));
});

const doc = (text: string) => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>${text}
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

describe('Editor and live preview (browser mode, Chromium)', () => {
  it('shows Monaco with the starter, named "Template source", and its compiled preview', async () => {
    expect(await editor.editorText()).toContain('<mjml');
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Read the full changelog');
    expect(await editor.page.getByTestId('preview-size').textContent()).toMatch(/HTML \d+(\.\d)? KB/);
  });

  it('updates the preview as MJML is typed', async () => {
    await editor.replaceSource(doc('Typed:'));
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Typed:');
    await editor.cursorToLineEnd(5);
    await editor.page.keyboard.type('xyz');
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Typed:xyz');
    expect(await editor.page.getByTestId('document-title').textContent()).toContain('•');
  });

  it('puts a marker on the broken line and keeps the last good preview (strict validation)', async () => {
    await editor.page.getByLabel('MJML validation').selectOption('strict');
    await editor.cursorToLineEnd(5);
    await editor.page.keyboard.press('Home');
    await editor.page.keyboard.press('End');
    // Line 5 is `        <mj-text>Typed:xyz`: add an attribute mjml does not know to its tag.
    await editor.page.keyboard.press('Home');
    for (let index = 0; index < '<mj-text'.length; index++) await editor.page.keyboard.press('ArrowRight');
    await editor.page.keyboard.insertText(' foo="1"');
    await editor.page.keyboard.press('End');
    await editor.page.keyboard.type(' broken');
    const squiggle = editor.page.locator('.monaco-editor .squiggly-error');
    const line = editor.page.locator('.monaco-editor .view-line', { hasText: 'foo="1"' });
    // The error marker sits on the line with the bad attribute and underlines the tag name, not the whole line.
    const placement = async () => {
      const [lineBox, markBox] = [await line.boundingBox(), await squiggle.first().boundingBox()];
      if (!lineBox || !markBox) return 'not rendered yet';
      const onLine = Math.abs(markBox.y + markBox.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height;
      return onLine && markBox.width < lineBox.width / 2 ? 'on the tag' : `elsewhere: ${JSON.stringify({ lineBox, markBox })}`;
    };
    await expect.poll(placement, { timeout: 15_000 }).toBe('on the tag');
    await expect.poll(() => editor.page.getByText('Showing the last good compile').count()).toBe(1);
    expect(await editor.frameText()).toContain('Typed:xyz');
    expect(await editor.frameText()).not.toContain('broken');
    // Lint judged the last good compile, not the source on screen: the status bar and the findings say so, no "✓".
    const status = editor.page.getByTestId('status-lint');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^✖ Does not compile · last good compile: /);
    expect(await editor.page.getByText('The MJML does not compile (see the markers in the editor): these findings are for the last good compile.').count()).toBe(1);
    // Soft validation compiles through: the marker stays (as a warning) and the preview moves on.
    await editor.page.getByLabel('MJML validation').selectOption('soft');
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Typed:xyz broken');
    await expect.poll(() => editor.page.locator('.monaco-editor .squiggly-warning').count()).toBeGreaterThan(0);
    await expect.poll(() => status.textContent()).not.toMatch(/Does not compile/);
    expect(await editor.page.getByText(/^The MJML does not compile/).count()).toBe(0);
  });

  it('a hostile template runs no script and makes no request with remote images off', async () => {
    const hostile = `<!doctype html>
<html><head>
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<link rel="stylesheet" href="${origin}/style.css">
<link rel="preconnect" href="${origin}/">
<style>@import url(${origin}/import.css);</style>
<style>body{background:url(${origin}/css-background.png)} @font-face{font-family:x;src:url(${origin}/font.woff)} p{font-family:x}</style>
<script>window.parent.pwned = 'inline'; fetch('${origin}/script');</script>
</head><body>
<p id="marker">Hostile marker</p>
<img src="${origin}/remote.png" alt="remote" onerror="window.parent.pwned='onerror'; new Image().src='${origin}/onerror'">
<img src="broken.png" onerror="window.parent.pwned = 'onerror2'">
<table background="${origin}/table-background.png"><tr><td style="background-image:url(${origin}/cell.png)">cell</td></tr></table>
<form action="${origin}/form" method="post"><input name="a" value="b"><button id="go" type="submit">Go</button></form>
<a id="js" href="javascript:window.parent.pwned='js-link'">js link</a>
<svg width="10" height="10"><image href="${origin}/svg.png" width="10" height="10"/></svg>
<video poster="${origin}/poster.png"></video>
</body></html>`;
    const { page, frame } = editor;
    // The text is HTML, so the switch to HTML mode is a plain switch (no conversion asked).
    await editor.replaceSource(hostile);
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).click();
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Hostile marker');
    await frame.locator('#go').click();
    await frame.locator('#js').click();
    await page.waitForTimeout(1500);

    expect(hits).toEqual([]);
    // Code for the page is passed as text: this tsconfig is Node's and has no DOM globals.
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await frame.locator('body').evaluate('window.pwned')).toBeUndefined();
    const frameUrl = await frame.locator('body').evaluate('window.location.href');
    expect(frameUrl).toBe('about:srcdoc');
    // The email's own CSP comes first in its head; the meta refresh and resource hints are gone.
    const head = await frame.locator('head').evaluate((element) => ({
      first: element.firstElementChild?.outerHTML ?? '',
      refresh: element.querySelectorAll('meta[http-equiv="refresh"]').length,
      hints: element.querySelectorAll('link[rel="preconnect"]').length,
    }));
    expect(head.first).toContain('Content-Security-Policy');
    expect(head.first).toContain("default-src 'none'; img-src data: cid:;");
    expect(head).toMatchObject({ refresh: 0, hints: 0 });
    expect(await page.locator('iframe[title="Email preview"]').getAttribute('sandbox')).toBe('allow-same-origin');
    await expect.poll(() => page.getByText(/Link not opened: Links with javascript: are never opened/).count()).toBe(1);

    // Remote images on relaxes only img-src, and only to https.
    await page.getByRole('button', { name: 'Remote images', exact: true }).click();
    await expect.poll(() => frame.locator('head meta').first().getAttribute('content')).toContain('img-src data: cid: https:');
    await page.getByRole('button', { name: 'Remote images', exact: true }).click();
    // Each toggle loaded the hostile email as a fresh document (not morphed in): still nothing ran or fetched.
    await expect.poll(() => frame.locator('head meta').first().getAttribute('content')).not.toContain('https:');
    await page.waitForTimeout(1000);
    expect(hits).toEqual([]);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(editor.errors).toEqual([]);
  });

  it('dark mode, images off, widths and the text part each change what the preview shows', async () => {
    const { page, frame } = editor;
    await editor.replaceSource(`<!doctype html>
<html><head><title>Modes</title>
<style>body{background:#ffffff;color:#111111} @media (prefers-color-scheme: dark){ body{background:#000000 !important;color:#eeeeee !important} }</style>
</head><body>
<p>Modes marker paragraph.</p>
<img src="https://acme.example/logo.png" alt="ACME logo" width="120" height="40">
<p><a href="${origin}/landing">Read more</a></p>
</body></html>`);
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Modes marker');
    const bodyBackground = () => frame.locator('body').evaluate('getComputedStyle(document.body).backgroundColor');
    const htmlFilter = () => frame.locator('html').evaluate('getComputedStyle(document.documentElement).filter');
    expect(await bodyBackground()).toBe('rgb(255, 255, 255)');
    expect(await htmlFilter()).toBe('none');

    await page.getByLabel('Dark mode').selectOption('media');
    await expect.poll(bodyBackground).toBe('rgb(0, 0, 0)');
    await page.getByLabel('Dark mode').selectOption('invert');
    await expect.poll(htmlFilter).toContain('invert(1)');
    expect(await bodyBackground()).toBe('rgb(255, 255, 255)');
    await page.getByLabel('Dark mode').selectOption('off');
    await expect.poll(htmlFilter).toBe('none');

    expect(await frame.locator('img').count()).toBe(1);
    await page.getByRole('button', { name: 'Images off' }).click();
    await expect.poll(() => frame.locator('img').count()).toBe(0);
    const alt = frame.locator('.mailbench-alt');
    expect(await alt.textContent()).toBe('ACME logo');
    expect((await alt.boundingBox())!.width).toBeCloseTo(120, 0);
    await page.getByRole('button', { name: 'Images off' }).click();
    await expect.poll(() => frame.locator('img').count()).toBe(1);

    const preview = page.locator('iframe[title="Email preview"]');
    for (const [label, width] of [['320', 320], ['375', 375], ['600', 600]] as const) {
      await page.getByRole('group', { name: 'Preview width' }).getByRole('button', { name: label, exact: true }).click();
      await expect.poll(async () => (await preview.boundingBox())!.width).toBeCloseTo(width, 0);
    }
    await page.getByRole('group', { name: 'Preview width' }).getByRole('button', { name: 'Full' }).click();
    await expect.poll(async () => (await preview.boundingBox())!.width).toBeGreaterThan(600);

    await page.getByRole('group', { name: 'Preview view' }).getByRole('button', { name: 'Text part' }).click();
    const text = page.getByLabel('Plain-text part');
    await expect.poll(() => text.inputValue(), { timeout: 15_000 }).toContain('Modes marker paragraph.');
    expect(await text.inputValue()).toContain(`Read more [${origin}/landing]`);
    expect(await text.inputValue()).not.toMatch(/<p>|ACME logo|Modes$/m);
    await text.fill('My own text part');
    await expect.poll(() => page.getByRole('button', { name: 'Use the generated text again' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Use the generated text again' }).click();
    await expect.poll(() => text.inputValue()).toContain('Modes marker paragraph.');

    await page.getByRole('group', { name: 'Preview view' }).getByRole('button', { name: 'HTML source' }).click();
    expect(await page.getByLabel('Compiled HTML source').textContent()).toContain('<p>Modes marker paragraph.</p>');
    await page.getByRole('group', { name: 'Preview view' }).getByRole('button', { name: 'Email' }).click();
  });

  it('opens a clicked preview link outside the app, after validation, in a new tab', async () => {
    const { page, frame } = editor;
    const popup = page.context().waitForEvent('page');
    await frame.getByText('Read more').click();
    const opened = await popup;
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${origin}/landing`);
    expect(await opened.evaluate('window.opener')).toBeNull();
    // The new tab's own favicon request aside, the only request is the link the person clicked.
    expect(hits.filter((hit) => hit !== 'GET /favicon.ico')).toEqual(['GET /landing']);
    expect(await frame.locator('body').evaluate('window.location.href')).toBe('about:srcdoc');
    await opened.close();
  });
  it('documents: new from a starter gallery, save as, dirty marker, open by path, export HTML and .eml', async () => {
    const { page, frame } = editor;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'New…' }).click();
    const gallery = page.getByRole('dialog', { name: 'New from a starter' });
    const cards = gallery.getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(5);
    // Live thumbnails: each starter compiled and shown in its own sandboxed frame.
    await expect.poll(() => gallery.locator('iframe[sandbox="allow-same-origin"]').count(), { timeout: 15_000 }).toBe(5);
    await gallery.getByRole('button', { name: /Receipt/ }).click();
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Thanks for your order');
    expect(await page.getByTestId('document-title').textContent()).toBe('receipt.mjml');

    await editor.cursorToLineEnd(3);
    await page.keyboard.type(' (copy)');
    expect(await page.getByTestId('document-title').textContent()).toContain('•');
    const saved = join(session.dataDir, 'receipt-copy.mjml');
    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByRole('dialog', { name: 'Save as' }).getByLabel('File path').fill(saved);
    await page.getByRole('dialog', { name: 'Save as' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('document-title').textContent()).toBe('receipt-copy.mjml');
    expect(readFileSync(saved, 'utf8')).toContain('(copy)');

    const other = join(session.dataDir, 'plain.html');
    writeFileSync(other, '<!doctype html><html><head><title>Plain page</title></head><body><p>Opened by path</p></body></html>');
    await page.getByRole('button', { name: 'Open…' }).click();
    const openDialog = page.getByRole('dialog', { name: 'Open a template' });
    await expect.poll(() => openDialog.getByRole('button', { name: /receipt-copy\.mjml/ }).count()).toBe(1);
    await openDialog.getByLabel('File path').fill(other);
    await openDialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => editor.frameText(), { timeout: 15_000 }).toContain('Opened by path');
    expect(await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'HTML' }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    const htmlOut = join(session.dataDir, 'out.html');
    const emlOut = join(session.dataDir, 'out.eml');
    await exportDialog.getByRole('checkbox').check();
    await exportDialog.getByLabel('Save to path (leave empty to download)').first().fill(htmlOut);
    await exportDialog.getByRole('button', { name: 'Export HTML' }).click();
    await expect.poll(() => existsSync(htmlOut)).toBe(true);
    expect(readFileSync(htmlOut, 'utf8')).toContain('<p>Opened by path</p>');
    expect(await exportDialog.getByLabel('Subject').inputValue()).toBe('Plain page');
    await exportDialog.getByLabel('Save to path (leave empty to download)').last().fill(emlOut);
    await exportDialog.getByRole('button', { name: 'Export .eml' }).click();
    await expect.poll(() => existsSync(emlOut)).toBe(true);
    const eml = readFileSync(emlOut, 'utf8');
    expect(eml).toMatch(/^Subject: Plain page$/m);
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
    await exportDialog.getByRole('button', { name: 'Close' }).click();
    expect(await frame.locator('body').evaluate('window.location.href')).toBe('about:srcdoc');
  });
});
