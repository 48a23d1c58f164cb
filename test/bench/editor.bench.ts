import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rendererDir, resourcesDir } from '../../electron/paths';
import { startApp } from '../support/app-process';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { percentile, report } from './measure';

const KEYSTROKES = 60;
const TYPING_DELAY_MS = 90;

/** Files index.html loads before anything is clicked: the shell's scripts, styles and preloads. */
function initialBundle(): { files: string[]; bytes: number } {
  const dir = rendererDir();
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="\.?\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return { files, bytes: files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0) };
}

/** About 20 KB of MJML: the newsletter starter's sections repeated, with one line to type into. */
function template20k(): string {
  const starter = readFileSync(join(resourcesDir(), 'starters', 'newsletter.mjml'), 'utf8');
  const open = starter.indexOf('<mj-section css-class="card"');
  const close = starter.lastIndexOf('</mj-section>', starter.indexOf('<mj-section padding="16px 24px">')) + '</mj-section>'.length;
  const sections = starter.slice(open, close);
  const bench = '    <mj-section>\n      <mj-column>\n        <mj-text>BENCH:</mj-text>\n      </mj-column>\n    </mj-section>\n';
  const build = (repeats: number) => starter.slice(0, open) + bench + `${sections}\n`.repeat(repeats) + starter.slice(close);
  let repeats = 1;
  while (Buffer.byteLength(build(repeats)) < 20 * 1024) repeats++;
  const source = build(repeats);
  return source;
}

const editorLines = '[aria-label="Template source"] .monaco-editor .view-line';

async function firstEditorRender(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector(editorLines, { timeout: 30_000 });
  return page.evaluate('performance.now()') as Promise<number>;
}

export const editor: Bench = {
  name: 'editor',
  summary: 'initial bundle, first editor render, keystroke → preview for 20 KB of MJML, long tasks while typing (Chromium, browser mode)',
  async run() {
    const bundle = initialBundle();
    report('initial bundle without Monaco (index.html loads)', bundle.bytes / 1024, 'KB');

    const data = tempDir();
    const app = await startApp(data.dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.waitForSelector(editorLines);
      const renders: number[] = [];
      for (let run = 0; run < 3; run++) renders.push(await firstEditorRender(page, app.url));
      report('first editor render after navigation, median of 3', percentile(renders, 50), 'ms');
      report('first editor render, slowest of 3', Math.max(...renders), 'ms');

      const source = template20k();
      const file = join(data.dir, 'bench-20k.mjml');
      writeFileSync(file, source);
      report('MJML template size', Buffer.byteLength(source) / 1024, 'KB');
      await page.getByRole('button', { name: 'Open…' }).click();
      await page.getByLabel('File path').fill(file);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const frame = page.frameLocator('iframe[title="Email preview"]');
      await frame.getByText('BENCH:').waitFor({ timeout: 30_000 });
      report('compiled HTML size', Number(/([\d.]+) KB/.exec((await page.getByTestId('preview-size').textContent()) ?? '')?.[1] ?? NaN), 'KB');

      // Find selects the match; Escape returns to the text with it selected; → puts the cursor after it.
      await page.locator('[aria-label="Template source"] .view-lines').click();
      await page.keyboard.press('Control+F');
      await page.keyboard.type('BENCH:');
      await page.keyboard.press('Escape');
      await page.keyboard.press('ArrowRight');

      // In the page: when each key went down, and when the preview next painted with how much of the typing.
      // The preview updates its document in place (no load event), so a MutationObserver watches it.
      await page.evaluate(`(() => {
        const state = { keys: [], loads: [], longTasks: [] };
        window.__bench = state;
        document.addEventListener('keydown', () => state.keys.push(performance.now()), true);
        const frame = document.querySelector('iframe[title="Email preview"]');
        const record = () => requestAnimationFrame(() => {
          const match = /BENCH:([a-z]*)/.exec(frame.contentDocument.body.textContent || '');
          state.loads.push({ at: performance.now(), typed: match ? match[1].length : -1 });
        });
        const watch = () => new MutationObserver(record).observe(frame.contentDocument, { subtree: true, childList: true, characterData: true, attributes: true });
        frame.addEventListener('load', () => { watch(); record(); });
        watch();
        new PerformanceObserver((list) => { for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration }); })
          .observe({ type: 'longtask' });
      })()`);
      const typed = 'abcdefghijklmnopqrstuvwxyz'.repeat(3).slice(0, KEYSTROKES);
      await page.keyboard.type(typed, { delay: TYPING_DELAY_MS });
      await frame.getByText(`BENCH:${typed}`).waitFor({ timeout: 30_000 });
      const state = (await page.evaluate('window.__bench')) as { keys: number[]; loads: Array<{ at: number; typed: number }>; longTasks: Array<{ start: number; duration: number }> };

      const latencies = state.keys.map((at, index) => {
        const shown = state.loads.find((load) => load.at >= at && load.typed >= index + 1);
        return shown ? shown.at - at : NaN;
      });
      report('keystrokes typed', latencies.length);
      report('preview updates (compiles that reached the frame)', new Set(state.loads.map((load) => load.typed)).size);
      report('keystroke → updated preview, median', percentile(latencies, 50), 'ms');
      report('keystroke → updated preview, p95', percentile(latencies, 95), 'ms');
      report('keystroke → updated preview, max', Math.max(...latencies), 'ms');
      const typingFrom = state.keys[0]!;
      const during = state.longTasks.filter((task) => task.start >= typingFrom);
      report('main-thread tasks over 50 ms while typing', during.length);
      report('longest main-thread task while typing', during.length ? Math.max(...during.map((task) => task.duration)) : 0, 'ms');
      await page.close();
    } finally {
      await browser.close();
      await app.stop();
      data.cleanup();
    }
  },
};
