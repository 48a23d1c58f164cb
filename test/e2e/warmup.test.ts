import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, openTool, screenshotPath } from '../support/app-in-browser';

const fixture = fileURLToPath(new URL('../fixtures/warmup/sendgrid-events.json', import.meta.url));
let page: Page;
const session = appInBrowser();
const errors: string[] = [];

beforeAll(async () => {
  page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await openTool(page, session.app, 'Warmup');
  await page.getByRole('heading', { name: 'Warmup', level: 1 }).waitFor({ timeout: 15_000 });
});

describe('the Warmup panel in Chromium', () => {
  it('starts empty with one button, and the wizard previews then stores a plan', async () => {
    await page.getByRole('button', { name: 'Plan a warm-up' }).click();
    const wizard = page.getByRole('form', { name: 'New warm-up plan' });
    await wizard.getByLabel('Plan name').fill('March pool');
    await wizard.getByLabel('Sending IPs').fill('192.0.2.10, 192.0.2.11');
    await wizard.getByLabel('Daily volume at full speed').fill('50000');
    await wizard.getByLabel('Start date').fill('2026-03-02');
    await wizard.getByLabel('Time zone').fill('UTC');
    await expect.poll(() => wizard.getByLabel('Preview').textContent(), { timeout: 15_000 }).toMatch(/Full volume \(50,000\/day\) on sending day \d+/);
    await expect.poll(() => wizard.getByLabel('Preview').textContent()).toMatch(/lacks SPF, DKIM, DMARC, one-click unsubscribe/);
    await wizard.getByRole('button', { name: 'Create plan' }).click();
    await expect.poll(() => page.getByTestId('plan-2026-03-02').textContent(), { timeout: 15_000 }).toBe('day 1: 83');
    expect(await page.getByTestId('plan-2026-03-09').textContent()).toMatch(/^day 6: /);
    // Weekends are not sending days.
    expect(await page.getByTestId('plan-2026-03-07').count()).toBe(0);
  });

  it('imports an ESP export with a progress bar and a summary of what was skipped and why', async () => {
    await page.getByRole('combobox', { name: 'Export from' }).selectOption('sendgrid');
    await page.getByLabel(/Event export file/).setInputFiles(fixture);
    const summary = page.getByRole('status', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/read 415, imported 391, duplicates 18, skipped 6/);
    expect(await summary.textContent()).toMatch(/not valid JSON — lines 240, 309, 341/);
    expect(await summary.textContent()).toMatch(/2 × dropped by SendGrid \(never sent\)/);
  });

  it('imports a file from its path on this computer, finding every event already there', async () => {
    await page.getByRole('combobox', { name: 'Export from' }).selectOption('sendgrid');
    await page.getByLabel('or its path on this computer').fill(fixture);
    await page.getByRole('form', { name: 'Import from a path' }).getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Import summary' }).textContent(), { timeout: 30_000 }).toMatch(/read 415, imported 0, duplicates 409, skipped 6/);
  });

  it('shows each provider\'s decision with its reasons, the charts and the rates with their denominators', async () => {
    await expect.poll(() => page.getByTestId('decision-gmail').textContent(), { timeout: 15_000 }).toMatch(/Gmail.*(Advance|Hold|Step back|Pause)/);
    expect(await page.getByTestId('decision-gmail').getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await page.locator('.wu-chart canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.uplot .u-title').allTextContents()).toEqual(['Volume: planned vs sent', 'Rates against their thresholds']);
    const table = page.getByRole('table', { name: 'Rates per day' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    expect(await table.getByRole('row').nth(1).textContent()).toMatch(/2026-03-02.*% \(\d+ of \d+ sent\)/);
    expect(await page.getByTestId('plan-2026-03-02').locator('..').textContent()).toMatch(/sent \d+/);
    expect(errors).toEqual([]);
  });

  it('asks which date to replan from, refuses a basis months old, previews the changes and applies them only when asked', async () => {
    await page.getByRole('button', { name: 'Replan from actuals…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replan from actuals' });
    const asOf = dialog.getByLabel('Replan as of');
    // The plan ran in March; "today" is months later: no second ramp is invented from a level that no longer holds.
    await asOf.fill('2026-12-06');
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/last results are from 2026-03-04, \d+ days before 2026-12-06: after 30 days without mail/);
    expect(await dialog.getByRole('button', { name: /^Apply/ }).isDisabled()).toBe(true);
    await asOf.fill('2026-03-04');
    const preview = dialog.getByRole('status', { name: 'Replan preview' });
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toMatch(/2026-03-05/);
    await page.screenshot({ path: screenshotPath('warmup-replan-preview.png') });
    // Nothing is stored by looking.
    expect(await page.locator('.wu-facts').textContent()).not.toMatch(/replanned/);
    await dialog.getByRole('button', { name: /^Apply \d+ change/ }).click();
    await expect.poll(() => page.locator('.wu-facts').textContent(), { timeout: 15_000 }).toMatch(/replanned \d{4}-\d{2}-\d{2}/);
    // Days already sent are history: replanning never rewrites them.
    expect(await page.getByTestId('plan-2026-03-02').textContent()).toBe('day 1: 83');
    expect(errors).toEqual([]);
  });

  it('checks DNS against the source chosen under Authentication, and says so: the offline zone, not live DNS', async () => {
    await page.getByRole('button', { name: 'Authentication' }).click();
    await page.getByRole('radio', { name: /Offline zone/ }).check();
    await page.getByRole('button', { name: 'Warmup' }).click();
    await page.getByRole('button', { name: 'New plan' }).click();
    const wizard = page.getByRole('form', { name: 'New warm-up plan' });
    await wizard.getByLabel('Sending domain').fill('example.com');
    await wizard.getByRole('button', { name: 'Check DNS' }).click();
    // The starter zone under Authentication holds SPF and DMARC for example.com; live DNS is not asked.
    await expect.poll(() => wizard.textContent(), { timeout: 15_000 }).toMatch(/From the offline zone \(Authentication › Zone\): SPF found, DMARC found/);
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    expect(errors).toEqual([]);
  });

  it('marks a wrong field in the wizard in words, before and after asking the main process', async () => {
    await page.getByRole('button', { name: 'New plan' }).click();
    const wizard = page.getByRole('form', { name: 'New warm-up plan' });
    await wizard.getByLabel('Plan name').fill('Bad input');
    await wizard.getByLabel('Daily volume at full speed').fill('');
    await expect.poll(() => wizard.getByLabel('Daily volume at full speed').getAttribute('aria-invalid')).toBe('true');
    expect(await wizard.getByRole('alert').filter({ hasText: 'Daily volume at full speed must be a whole number above 0.' }).count()).toBe(1);
    expect(await wizard.getByRole('button', { name: 'Create plan' }).isDisabled()).toBe(true);
    await wizard.getByLabel('Daily volume at full speed').fill('5000');
    await wizard.getByLabel('Time zone').fill('Mars/Olympus');
    await expect.poll(() => wizard.getByLabel('Time zone').getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    expect(await wizard.textContent()).toMatch(/"Mars\/Olympus" is not a time zone this system knows/);
    expect(await wizard.textContent()).not.toMatch(/schema|Too small|expected/);
    await page.screenshot({ path: screenshotPath('warmup-wizard-field-errors.png') });
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    expect(errors).toEqual([]);
  });
});
