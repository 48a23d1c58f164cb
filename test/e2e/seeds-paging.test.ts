import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, openTool, screenshotPath } from '../support/app-in-browser';
import { type MailServers, startMailServers } from '../support/mail-servers';
import { composeOffer, fillLoopbackTarget, importSeedList, saveProfile } from '../support/seed-panel';

// Two real mailboxes (one filtered to Junk) at the END of a 150-seed list: their rows are on the
// second page, so what the matrix and counts say cannot come from the rows on screen.
const boxes = [
  { address: 'dee@seeds.test', password: 'ui-pw-dee-1' },
  { address: 'eve@seeds.test', password: 'ui-pw-eve-2' },
];
const UNKNOWN = 148;
const providers = ['gmail', 'microsoft', 'yahoo'] as const;
let servers: MailServers;
const session = appInBrowser();

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: boxes, spamRecipients: ['eve@seeds.test'] });
});
afterAll(async () => {
  await servers?.stop();
});

describe('a seed run of more than one page in Chromium', () => {
  it('shows the first 100 rows with counts and matrix over all 150, and loads the rest on demand', async () => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openTool(page, session.app, 'Seed tests');
    await page.getByRole('heading', { name: 'Seed tests' }).waitFor({ timeout: 15_000 });

    await fillLoopbackTarget(page, servers.smtpPort);
    await saveProfile(page, 4);

    // The receiver refuses addresses it has no mailbox for (550): those seeds end 'rejected'.
    const csv = [
      'address,provider,imap_host,imap_port,imap_tls',
      ...Array.from({ length: UNKNOWN }, (_, i) => `nobody${i}@seeds.test,${providers[i % providers.length]},,,`),
      ...boxes.map((box, i) => `${box.address},${providers[i]},127.0.0.1,${servers.imapPort},no`),
    ].join('\n');
    await importSeedList(page, 'many.csv', csv, boxes.map((box, i) => ({ row: UNKNOWN + i, password: box.password })));

    await composeOffer(page, 'Paged seed test', 'Hello, many seeds.');
    await page.getByRole('button', { name: 'Send to seeds' }).click();
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('sent');

    const rows = page.getByRole('table', { name: 'Recipients' }).locator('tbody tr');
    const shown = page.getByTestId('rows-shown');
    await expect.poll(() => page.getByTestId('run-counts').textContent(), { timeout: 15_000 }).toContain('2 accepted · 148 rejected');
    expect(await rows.count()).toBe(100);
    expect(await shown.textContent()).toBe('Showing the first 100 of 150 seeds.');
    expect(servers.deliveries).toHaveLength(2);

    await page.getByRole('button', { name: 'Check placement now' }).click();
    const overall = page.getByRole('table', { name: 'Placement by provider' }).getByRole('row', { name: /^all/ });
    await expect.poll(async () => (await overall.count()) && overall.locator('td').allTextContents(), { timeout: 30_000 }).toEqual(['2', '1 (50%)', '0 (0%)', '1 (50%)', '0 (0%)', '0', '0']);
    // The placed seeds are on page two: none of the loaded rows shows them, yet the matrix counts them.
    expect(await page.locator('tr[data-placement=inbox], tr[data-placement=spam]').count()).toBe(0);
    expect(await rows.count()).toBe(100);
    // The panel scrolls inside the app frame: one picture of the counts and matrix, one of the end of the first page.
    await page.screenshot({ path: screenshotPath('seed-run-first-page.png') });
    await page.getByRole('button', { name: 'Show 50 more' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('seed-run-show-more.png') });

    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(150);
    expect(await shown.textContent()).toBe('All 150 seeds shown.');
    expect(await page.getByRole('button', { name: /^Show \d+ more$/ }).count()).toBe(0);
    expect(await rows.nth(149).locator('td').first().textContent()).toBe('eve@seeds.test');
    expect(await page.locator('tr[data-placement=inbox]').count()).toBe(1);
    expect(await page.locator('tr[data-placement=spam]').count()).toBe(1);
    expect(await page.locator('tr[data-status=rejected]').count()).toBe(UNKNOWN);
    // A later refresh (a poll, a state change) must not drop the rows loaded beyond the first page.
    await page.getByRole('button', { name: 'Check placement now' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Check placement now' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await rows.count()).toBe(150);

    await page.getByRole('tab', { name: 'History' }).click();
    expect(await page.getByRole('table', { name: 'Runs' }).locator('tbody tr td').nth(4).textContent()).toBe('2 / 150');
    expect(errors).toEqual([]);
    await page.close();
  });
});
