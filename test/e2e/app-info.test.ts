import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';

let app: AppProcess;
let browser: Browser;
const data = tempDir();

beforeAll(async () => {
  app = await startApp(data.dir);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  data.cleanup();
});

describe('the app in Chromium (browser mode)', () => {
  it('reads app.info through the UI, with the token gone from the address bar', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dataFolder = page.getByRole('definition').getByText(data.dir, { exact: true });
    await expect.poll(() => dataFolder.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    await page.close();
  });
});
