import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, openTool, screenshotPath } from '../support/app-in-browser';
import { freePort, type MailServers, startMailServers } from '../support/mail-servers';
import { composeOffer, fillLoopbackTarget, importSeedList, saveProfile } from '../support/seed-panel';

const boxes = [
  { address: 'ana@seeds.test', password: 'ui-pw-ana-1' },
  { address: 'ben@seeds.test', password: 'ui-pw-ben-2' },
  { address: 'cy@seeds.test', password: 'ui-pw-cy-3' },
];
let servers: MailServers;
const session = appInBrowser();

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: boxes, spamRecipients: ['ben@seeds.test'] });
});
afterAll(async () => {
  await servers?.stop();
});

describe('the Seed tests panel in Chromium', () => {
  it('sets up a profile and a list, shows the raw MIME, sends, fills rows live and shows the placement matrix', async () => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openTool(page, session.app, 'Seed tests');
    await page.getByRole('heading', { name: 'Seed tests' }).waitFor({ timeout: 15_000 });

    await fillLoopbackTarget(page, servers.smtpPort);
    // A wrong number is said on its own field, in the form's words, before anything is sent.
    await page.getByLabel('Connections').fill('0');
    await expect.poll(() => page.getByLabel('Connections').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: 'Connections must be a whole number from 1 to 50.' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save profile' }).isDisabled()).toBe(true);
    await page.getByLabel('Connections').fill('2');
    expect(await page.getByLabel('Connections').getAttribute('aria-invalid')).toBeNull();
    await saveProfile(page, 2);

    const csv = ['address,imap_host,imap_port,imap_tls', ...boxes.map((box) => `${box.address},127.0.0.1,${servers.imapPort},no`)].join('\n');
    await importSeedList(page, 'loopback.csv', csv, boxes.map((box, row) => ({ row, password: box.password })));

    await composeOffer(page, 'Panel seed test', 'Hello from the panel.');
    await page.getByLabel('Audience mix (optional)').fill('other 100');

    await page.getByRole('button', { name: 'Show raw MIME' }).click();
    const raw = page.getByLabel('Raw MIME');
    await raw.waitFor();
    const mime = (await raw.textContent()) ?? '';
    expect(mime).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect(mime).toMatch(/X-Mailbench-Test-I[dD]: mb-000000000000-00000/);
    expect(mime).toContain('Subject: Panel seed test');
    // The HTML file had no text part: one was generated from it.
    expect(mime).toMatch(/Content-Type: text\/plain[\s\S]*OFFER\s+Hello from the panel\./);

    await page.getByRole('button', { name: 'Send to seeds' }).click();
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 30_000 }).toBe('sent');
    // the message had both unsubscribe targets: no warning about List-Unsubscribe
    expect(await page.getByText(/^Warning:/).count()).toBe(0);
    const rows = page.getByRole('table', { name: 'Recipients' }).locator('tbody tr');
    await expect.poll(() => rows.and(page.locator('[data-status=accepted]')).count(), { timeout: 15_000 }).toBe(3);
    expect(await page.getByTestId('run-counts').textContent()).toContain('3 accepted · 0 rejected');
    expect(servers.deliveries).toHaveLength(3);

    await page.getByRole('button', { name: 'Check placement now' }).click();
    await expect.poll(() => page.locator('tr[data-placement=spam]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('tr[data-placement=inbox]').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('tr[data-placement=spam] td').nth(5).textContent()).toBe('Junk');
    const matrix = page.getByRole('table', { name: 'Placement by provider' });
    const overall = matrix.getByRole('row', { name: /^all/ });
    expect(await overall.locator('td').allTextContents()).toEqual(['3', '2 (66.7%)', '0 (0%)', '1 (33.3%)', '0 (0%)', '0', '0']);
    expect(await matrix.getByRole('row', { name: /weighted by audience/ }).locator('td').nth(1).textContent()).toBe('66.7%');

    await page.getByRole('tab', { name: 'History' }).click();
    expect(await page.getByRole('table', { name: 'Runs' }).locator('tbody tr').count()).toBe(1);
    // history follows the run: the finished run is not left "sending"
    expect(await page.getByTestId('history-state').allTextContents()).toEqual(['sent']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('checks From on the field, keeps "Send to seeds" off while a run sends, warns about a missing List-Unsubscribe, and ends a run to a dead server "failed" with its seeds "not sent"', async () => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openTool(page, session.app, 'Seed tests');
    await page.getByRole('heading', { name: 'Seed tests' }).waitFor({ timeout: 15_000 });

    await page.getByRole('tab', { name: 'SMTP profiles' }).click();
    await page.getByRole('combobox', { name: /^SMTP profile/ }).selectOption('');
    await page.getByLabel('Name').fill('Dead receiver');
    // no TLS to a remote host is refused on the field, before Save
    await page.getByLabel('Host').fill('smtp.shop.example');
    await page.getByLabel('Security').selectOption('none');
    expect(await page.getByText(/^No TLS is only for a server on this machine/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save profile' }).isDisabled()).toBe(true);
    await page.getByLabel('Host').fill('127.0.0.1');
    expect(await page.getByText(/^No TLS is only for a server on this machine/).count()).toBe(0);
    await page.getByLabel('Port', { exact: true }).fill(String(await freePort()));
    await page.getByLabel('Security').selectOption('none');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Dead receiver.' }).waitFor();

    await page.getByRole('tab', { name: 'Send' }).click();
    await page.locator('input[type=file][accept*=html]').setInputFiles({ name: 'dead.html', mimeType: 'text/html', buffer: Buffer.from('<html><body><p>To nobody.</p></body></html>') });
    await page.getByRole('combobox', { name: /^SMTP profile/ }).selectOption({ label: 'Dead receiver' });
    await page.getByLabel('Subject').fill('Dead server test');
    const send = page.getByRole('button', { name: 'Send to seeds' });
    await page.getByLabel('From', { exact: true }).fill('not an address');
    expect(await page.getByText(/^Enter an email address, like/).count()).toBe(1);
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await send.isDisabled()).toBe(true);
    await page.getByLabel('From', { exact: true }).fill('Shop <news@sender.test>');
    expect(await page.getByText(/^Enter an email address, like/).count()).toBe(0);

    await send.click();
    await page.getByText(/^Warning: The copies carry no List-Unsubscribe header/).waitFor();
    // a second run cannot be started while this one sends (the service would refuse it too)
    await expect.poll(() => send.isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('failed');
    expect(await page.getByRole('alert').filter({ hasText: 'The server accepted no message' }).count()).toBe(1);
    expect(await send.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Check placement now' }).click();
    await expect.poll(() => page.locator('tr[data-placement=not_sent]').count(), { timeout: 30_000 }).toBe(3);
    const overall = page.getByRole('table', { name: 'Placement by provider' }).getByRole('row', { name: /^all/ });
    expect(await overall.locator('td').allTextContents()).toEqual(['3', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '0', '3']);

    await page.screenshot({ path: screenshotPath('new-user-seed-dead-server.png') });
    await page.getByRole('tab', { name: 'History' }).click();
    expect(await page.getByTestId('history-state').allTextContents()).toEqual(['failed', 'sent']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
