import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, openTool, screenshotPath } from '../support/app-in-browser';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/dmarc/${path}`, import.meta.url));
let page: Page;
const session = appInBrowser();
const errors: string[] = [];

beforeAll(async () => {
  page = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await openTool(page, session.app, 'DMARC reports');
  await page.getByRole('heading', { name: 'DMARC reports', level: 1 }).waitFor({ timeout: 15_000 });
});

describe('the DMARC reports panel in Chromium', () => {
  it('starts empty, then imports picked files (zip, gzip, eml, broken and refused ones) with a summary', async () => {
    await page.getByRole('heading', { name: 'No aggregate reports yet' }).waitFor({ timeout: 15_000 });
    await page.getByLabel(/Report files/).setInputFiles([
      fixture('aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.zip'),
      fixture('aggregate/example.net!example.com!1529366400!1529452799.xml.gz'),
      fixture('aggregate/invalid_xml.xml'),
      fixture('aggregate/twilight.eml'),
      fixture('failure/dmarc_ruf_report_linkedin.eml'),
      fixture('tls/rfc8460.json'),
      fixture('refused/empty.xml'),
    ]);
    const summary = page.getByRole('status', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/Imported 6 reports, 0 already imported, 1 refused/);
    expect(await summary.getByRole('list', { name: 'Refused files' }).textContent()).toMatch(/empty\.xml: The file is empty\./);
    expect(await summary.getByRole('list', { name: 'Repairs' }).textContent()).toMatch(/gzip file has 2 members/);
  });

  it('imports a folder from its path, finding the reports already there as duplicates', async () => {
    await page.getByLabel('or a file or folder on this computer').fill(fixture('aggregate'));
    await page.getByRole('form', { name: 'Import from a path' }).getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Import summary' }).textContent(), { timeout: 30_000 }).toMatch(/Imported 3 reports, 6 already imported, 0 refused/);
  });

  it('shows the domain by day and by source, the policy applied with its override, a chart and the what-if', async () => {
    await page.getByRole('combobox', { name: 'Domain' }).selectOption('example.com');
    await expect.poll(() => page.getByLabel('Domain totals').textContent(), { timeout: 15_000 }).toMatch(/example\.com: 11 messages in 5 reports · DMARC pass 45\.5%/);
    expect(await page.getByLabel('Policy applied').textContent()).toMatch(/Override other \(sender not authorized\): 2 messages/);
    const days = page.getByRole('table', { name: 'example.com by day' });
    expect(await days.getByRole('row').count()).toBe(6);
    const sources = page.getByRole('table', { name: 'example.com by source' });
    expect(await sources.getByRole('row').nth(1).textContent()).toMatch(/198\.51\.100\.1.*not looked up.*unknown.*5100\.0%/);
    expect(await page.locator('.dm-chart canvas').count()).toBe(1);
    const whatIf = page.getByRole('status', { name: 'What-if result' });
    await expect.poll(() => whatIf.textContent(), { timeout: 15_000 }).toMatch(/6 of 11 messages \(54\.5%\) fail DMARC and would be rejected/);
    await page.getByRole('combobox', { name: /At/ }).selectOption('quarantine');
    await expect.poll(() => whatIf.textContent()).toMatch(/would be quarantined/);
  });

  it('lists failure reports with their headers and TLS reports per policy domain', async () => {
    const failure = page.getByLabel('Failure reports').locator('details').first();
    expect(await failure.locator('summary').textContent()).toMatch(/example\.com from 10\.10\.10\.10 · dmarc · reported by linkedin\.com/);
    await failure.locator('summary').click();
    expect(await failure.getByLabel('Original headers').textContent()).toMatch(/From: Sender <sender@example\.com>/);
    const tls = page.getByRole('table', { name: 'TLS reports' });
    expect(await tls.getByRole('row').nth(1).textContent()).toMatch(/company-y\.example.*sts.*5,629.*303.*certificate-expired at mx1\.mail\.company-y\.example: 100/);
    await page.getByRole('heading', { name: 'DMARC reports', level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('dmarc-top.png') });
    await page.getByRole('heading', { name: 'Sources' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('dmarc.png') });
    expect(errors).toEqual([]);
  });
});
