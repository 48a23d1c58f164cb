import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { rendererDir, resourcesDir } from '../../electron/paths';
import { type AppProcess, startApp } from '../support/app-process';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { percentile, report } from './measure';

const NAVIGATION_ROUNDS = 5;
/** How long a new user reads the welcome screen in the second new-user figure (Monaco loads meanwhile). */
const READING_MS = 3000;
const WARMUP_PASTES = 3;
const PASTES = 24;
const KEYSTROKES = 60;
const TYPING_DELAY_MS = 90;
/** Set to a file path to write a Chromium trace (chrome://tracing, Perfetto) of the measured pastes. */
const TRACE_PATH = process.env.EDITOR_BENCH_TRACE;

/** Files index.html loads before anything is clicked (the shell's scripts, styles and preloads), and Monaco's chunks. */
function initialBundle(): { shellBytes: number; monacoBytes: number } {
  const dir = rendererDir();
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="\.?\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  const monaco = readdirSync(join(dir, 'assets'))
    .filter((name) => /^(?:monaco|editor\.api)-[\w-]+\.js$/.test(name))
    .map((name) => `assets/${name}`);
  const size = (list: string[]) => list.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  return { shellBytes: size(files), monacoBytes: size(monaco) };
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
  return build(repeats);
}

const editorRegion = '[aria-label="Template source"]';
const editorLines = `${editorRegion} .monaco-editor .view-lines`;
/** A line of the newsletter starter's text that only shows once the starter is in the editor. */
const STARTER_MARK = '<mjml';
const TYPED_MARK = '§';

/** The welcome screen is shown again on the next load, as for someone who never used Mailbench. */
async function setWelcomed(app: AppProcess, welcomed: boolean): Promise<void> {
  const response = await fetch(`${app.origin}/rpc/shell.preferences.set`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}`, Origin: app.origin },
    body: JSON.stringify({ welcomed }),
  });
  const answer = (await response.json()) as { ok: boolean };
  if (!answer.ok) throw new Error(`shell.preferences.set refused: ${JSON.stringify(answer)}`);
}

/**
 * Navigation in a fresh profile (empty cache) until the editor takes a key: the starter (or the
 * returning user's document) is in Monaco, a click puts the cursor in it and a typed character
 * shows. Milliseconds since navigation start, read in the page. A new user meets the welcome
 * screen and opens the starter as soon as its button shows (no reading time, the worst case
 * for anything loaded behind it), or after `readingMs` on it.
 */
async function navigationToEditable(browser: Browser, app: AppProcess, newUser: boolean, readingMs = 0): Promise<{ welcome?: number; clicked?: number; editable: number }> {
  await setWelcomed(app, !newUser);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    let welcome: number | undefined;
    let clicked: number | undefined;
    if (newUser) {
      const start = page.getByRole('button', { name: 'Open the starter template' });
      await start.waitFor({ timeout: 30_000 });
      welcome = (await page.evaluate('performance.now()')) as number;
      if (readingMs > 0) await page.waitForTimeout(readingMs);
      clicked = (await page.evaluate('performance.now()')) as number;
      await start.click();
      await page.locator(editorLines, { hasText: STARTER_MARK }).waitFor({ timeout: 30_000 });
    } else await page.locator(editorLines).waitFor({ timeout: 30_000 });
    await page.evaluate(`new Promise((resolve) => {
      const lines = document.querySelector(${JSON.stringify(editorLines)});
      const seen = () => lines.textContent.includes(${JSON.stringify(TYPED_MARK)});
      new MutationObserver((_, observer) => { if (seen()) { observer.disconnect(); window.__typedAt = performance.now(); } })
        .observe(lines, { subtree: true, childList: true, characterData: true });
      resolve();
    })`);
    await page.locator(editorLines).click();
    await page.keyboard.type(TYPED_MARK);
    await page.waitForFunction('window.__typedAt !== undefined', undefined, { timeout: 30_000 });
    return { welcome, clicked, editable: (await page.evaluate('window.__typedAt')) as number };
  } finally {
    await context.close();
  }
}

/** A built file of the app whose name matches, as the host serves it under ./assets/. */
function assetFile(pattern: RegExp): string {
  const file = readdirSync(join(rendererDir(), 'assets')).find((name) => pattern.test(name));
  if (!file) throw new Error(`No ${pattern} in dist/renderer/assets: run npm run build:ui`);
  return file;
}

/**
 * Baselines in a fresh profile, from navigation start: a page of the host that runs nothing
 * (its smallest stylesheet, shown as text) until its load event, and the same page that then
 * imports the app's Monaco chunk and creates an editor with the starter in it, focused, until
 * the next frame: Monaco alone, without the app around it.
 */
async function baselineNavigation(browser: Browser, app: AppProcess, starter: string): Promise<{ blank: number; monaco: number }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    const smallest = readdirSync(join(rendererDir(), 'assets'))
      .filter((name) => name.endsWith('.css'))
      .sort((a, b) => statSync(join(rendererDir(), 'assets', a)).size - statSync(join(rendererDir(), 'assets', b)).size)[0];
    await page.goto(`${app.origin}/assets/${smallest}`);
    const blank = (await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) as number;
    // NaN when the chunk cannot load alone (a build where it imports the app's entry).
    const monaco = (await page.evaluate(`(async () => {
      const { monaco } = await import('/assets/${assetFile(/^monaco-[\w-]+\.js$/)}').catch(() => ({}));
      if (!monaco) return NaN;
      const host = document.createElement('div');
      host.style.cssText = 'width: 800px; height: 900px';
      document.body.append(host);
      monaco.editor.create(host, { value: ${JSON.stringify(starter)}, language: 'mjml', minimap: { enabled: false } }).focus();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      return performance.now();
    })()`)) as number;
    return { blank, monaco };
  } finally {
    await context.close();
  }
}

/**
 * In the page: `__paste(text, mark)` pastes `text` over the whole source as the clipboard would
 * (a paste event on Monaco's focused input) and resolves with the milliseconds until the preview frame
 * shows `mark` (the next animation frame after the frame's document changed, in place or reloaded).
 * `__compileAlone(text)` hands the same text to mjml-browser in a worker of its own (the app's
 * compile worker bundle, nothing else running in it) and resolves with mjml-browser's own time
 * and the round trip.
 */
const pasteHelpers = () => `(() => {
  const frame = document.querySelector('iframe[title="Email preview"]');
  window.__paste = (text, mark) => new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => { done = true; reject(new Error('the preview did not show the pasted text within 30 s')); }, 30000);
    let observer;
    const check = () => {
      if (done) return;
      const body = frame.contentDocument && frame.contentDocument.body;
      if (!body || !body.textContent.includes(mark)) return;
      done = true;
      clearTimeout(timer);
      observer.disconnect();
      frame.removeEventListener('load', onLoad);
      requestAnimationFrame(() => resolve(performance.now() - started));
    };
    const watch = () => {
      if (observer) observer.disconnect();
      observer = new MutationObserver(check);
      observer.observe(frame.contentDocument, { subtree: true, childList: true, characterData: true });
    };
    const onLoad = () => { watch(); check(); };
    frame.addEventListener('load', onLoad);
    watch();
    // Monaco's input: a textarea, or with the EditContext API (Chromium) a focused div.
    const input = document.activeElement;
    if (!input || !input.closest(${JSON.stringify(`${editorRegion} .monaco-editor`)})) throw new Error('the editor does not have the focus');
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const started = performance.now();
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const worker = new Worker(${JSON.stringify(`./assets/${assetFile(/^compile\.worker-[\w-]+\.js$/)}`)}, { type: 'module' });
  let id = 1_000_000;
  window.__compileAlone = (text) => new Promise((resolve, reject) => {
    const request = { id: id++, kind: 'compile', language: 'mjml', source: text, level: 'soft' };
    const started = performance.now();
    worker.onmessage = (event) => resolve({ mjml: event.data.ms, roundTrip: performance.now() - started, ok: typeof event.data.html === 'string' });
    worker.onerror = (event) => reject(new Error('the compile worker failed: ' + event.message));
    setTimeout(() => reject(new Error('the compile worker did not answer within 30 s')), 30000);
    worker.postMessage(request);
  });
})()`;

async function pasteBench(page: Page, browser: Browser, source: string): Promise<void> {
  await page.evaluate(pasteHelpers());
  const pastes: number[] = [];
  const mjml: number[] = [];
  const roundTrips: number[] = [];
  const paste = async (index: number) => {
    const mark = `PASTED${index} `;
    await page.locator(editorLines).click();
    await page.keyboard.press('Control+A');
    const ms = (await page.evaluate(`window.__paste(${JSON.stringify(source.replace('BENCH:', `${mark}BENCH:`))}, ${JSON.stringify(mark)})`)) as number;
    // Let the paste's follow-up work (lint, text part) finish, as between two pastes by a person.
    await page.waitForTimeout(1500);
    return ms;
  };
  const alone = async () => {
    const result = (await page.evaluate(`window.__compileAlone(${JSON.stringify(source)})`)) as { mjml: number; roundTrip: number; ok: boolean };
    if (!result.ok) throw new Error('mjml-browser alone did not compile the bench template');
    mjml.push(result.mjml);
    roundTrips.push(result.roundTrip);
  };
  for (let index = 0; index < WARMUP_PASTES; index++) {
    await paste(1000 + index);
    await alone();
  }
  mjml.length = 0;
  roundTrips.length = 0;
  if (TRACE_PATH) await browser.startTracing(page, { path: TRACE_PATH, screenshots: false });
  for (let index = 0; index < PASTES; index++) {
    // Alternating order, so drift in the machine's speed falls on both alike.
    if (index % 2 === 1) await alone();
    pastes.push(await paste(index));
    if (index % 2 === 0) await alone();
  }
  if (TRACE_PATH) await browser.stopTracing();
  report(`paste 20 KB MJML → preview shows it, warm, median of ${PASTES}`, percentile(pastes, 50), 'ms');
  report('  baseline: mjml-browser alone (worker), median', percentile(mjml, 50), 'ms');
  report('paste → preview, p95', percentile(pastes, 95), 'ms');
  report('  baseline: mjml-browser alone, p95', percentile(mjml, 95), 'ms');
  report('  baseline: mjml-browser alone with worker round trip, p95', percentile(roundTrips, 95), 'ms');
  report('paste → preview, max', Math.max(...pastes), 'ms');
}

async function keystrokeBench(page: Page): Promise<void> {
  const frame = page.frameLocator('iframe[title="Email preview"]');
  // Find selects the match; Escape returns to the text with it selected; → puts the cursor after it.
  await page.locator(editorLines).click();
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
}

export const editor: Bench = {
  name: 'editor',
  summary: 'navigation → editable editor (new and returning user), paste and keystroke → preview for 20 KB of MJML beside mjml-browser alone (Chromium, browser mode)',
  async run() {
    const bundle = initialBundle();
    report('initial bundle without Monaco (index.html loads)', bundle.shellBytes / 1024, 'KB');
    report('Monaco (loaded behind the welcome screen or with the Editor)', bundle.monacoBytes / 1024, 'KB');

    const data = tempDir();
    const app = await startApp(data.dir);
    const browser = await launchChromium();
    try {
      // One unmeasured round warms the host (its first responses compile its own code paths).
      await navigationToEditable(browser, app, true);
      const fresh: number[] = [];
      const welcomes: number[] = [];
      const returning: number[] = [];
      const afterImmediateClick: number[] = [];
      const afterReading: number[] = [];
      const blank: number[] = [];
      const monacoAlone: number[] = [];
      const starter = readFileSync(join(resourcesDir(), 'starters', 'newsletter.mjml'), 'utf8');
      for (let round = 0; round < NAVIGATION_ROUNDS; round++) {
        const runs: Array<() => Promise<void>> = [
          async () => {
            const result = await navigationToEditable(browser, app, true);
            fresh.push(result.editable);
            welcomes.push(result.welcome!);
            afterImmediateClick.push(result.editable - result.clicked!);
          },
          async () => {
            const result = await navigationToEditable(browser, app, true, READING_MS);
            afterReading.push(result.editable - result.clicked!);
          },
          async () => void returning.push((await navigationToEditable(browser, app, false)).editable),
          async () => {
            const result = await baselineNavigation(browser, app, starter);
            blank.push(result.blank);
            monacoAlone.push(result.monaco);
          },
        ];
        for (const run of round % 2 === 0 ? runs : runs.reverse()) await run();
      }
      report(`new user: navigation → welcome shown, median of ${NAVIGATION_ROUNDS}`, percentile(welcomes, 50), 'ms');
      report(`new user: navigation → editable editor (starter), median of ${NAVIGATION_ROUNDS}`, percentile(fresh, 50), 'ms');
      report('new user: navigation → editable editor, slowest', Math.max(...fresh), 'ms');
      report('new user: starter click → editable, clicked at once, median', percentile(afterImmediateClick, 50), 'ms');
      report(`new user: starter click → editable, after ${READING_MS / 1000} s on the welcome, median`, percentile(afterReading, 50), 'ms');
      report(`returning user: navigation → editable editor, median of ${NAVIGATION_ROUNDS}`, percentile(returning, 50), 'ms');
      report('returning user: navigation → editable editor, slowest', Math.max(...returning), 'ms');
      report('  baseline: a page of the host that runs nothing, median', percentile(blank, 50), 'ms');
      report('  baseline: that page, then Monaco alone with the starter, median', percentile(monacoAlone, 50), 'ms');

      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(app.url);
      await page.locator(editorLines).waitFor({ timeout: 30_000 });
      const source = template20k();
      report('MJML template size', Buffer.byteLength(source) / 1024, 'KB');
      await pasteBench(page, browser, source);
      report('compiled HTML size', Number(/([\d.]+) KB/.exec((await page.getByTestId('preview-size').textContent()) ?? '')?.[1] ?? NaN), 'KB');
      await keystrokeBench(page);
      await page.close();
    } finally {
      await browser.close();
      await app.stop();
      data.cleanup();
    }
  },
};
