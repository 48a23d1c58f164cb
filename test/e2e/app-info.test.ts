import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';

const session = appInBrowser();

describe('the app in Chromium (browser mode)', () => {
  it('reads app.info through the UI, with the token gone from the address bar', async () => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dataFolder = page.getByRole('definition').getByText(session.dataDir, { exact: true });
    await expect.poll(() => dataFolder.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    await page.close();
  });
});
