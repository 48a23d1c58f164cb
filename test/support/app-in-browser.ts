import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type AppProcess, startApp } from './app-process';
import { launchChromium } from './browser';
import { tempDir } from './temp';

export interface AppInBrowser {
  readonly app: AppProcess;
  readonly browser: Browser;
  readonly dataDir: string;
}

/**
 * One `mailbench web` process on a fresh data folder and one Chromium for a test file:
 * started before its tests, stopped (and the folder removed) after them. Call it at the
 * top of the file, before the file's own hooks, so those run with both already up.
 */
export function appInBrowser(): AppInBrowser {
  const data = tempDir();
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(data.dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    data.cleanup();
  });
  return {
    get app() {
      return app!;
    },
    get browser() {
      return browser!;
    },
    dataDir: data.dir,
  };
}

/** Opens the app, steps past the first-run screen when it shows, and switches to a tool in the rail. */
export async function openTool(page: Page, app: AppProcess, label: string): Promise<void> {
  await page.goto(app.url);
  const skip = page.getByRole('button', { name: 'Skip' });
  const tool = page.getByRole('button', { name: label });
  await skip.or(tool).first().waitFor({ timeout: 20_000 });
  if (await skip.count()) await skip.click();
  await tool.click();
}

/**
 * Where an e2e test saves a screenshot for review: test-results/screenshots/ (git-ignored),
 * which CI keeps as its artifacts. Screenshots are looked at, not compared.
 */
export function screenshotPath(name: string): string {
  const dir = join(import.meta.dirname, '../../test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
