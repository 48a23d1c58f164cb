import type { Page } from 'playwright-core';

/**
 * Steps of the Seed tests panel that the browser journeys share, done as a user does them (labels, buttons, the
 * status line that confirms each): what a test checks lies between and after them.
 */

/** Fills the SMTP profile form's target: a loopback receiver without TLS on `port`. */
export async function fillLoopbackTarget(page: Page, port: number): Promise<void> {
  await page.getByRole('tab', { name: 'SMTP profiles' }).click();
  await page.getByLabel('Name').fill('Loopback receiver');
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByLabel('Security').selectOption('none');
}

/** Saves the profile form with these connections and no rate limit. */
export async function saveProfile(page: Page, connections: number): Promise<void> {
  await page.getByLabel('Connections').fill(String(connections));
  await page.getByLabel('Messages per second (0: no limit)').fill('0');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved Loopback receiver.' }).waitFor();
}

/**
 * Imports `file` (CSV text), types each IMAP password given by its row, and saves the list, which takes the file's
 * name without `.csv`.
 */
export async function importSeedList(page: Page, file: string, csv: string, passwords: ReadonlyArray<{ row: number; password: string }>): Promise<void> {
  const count = csv.trim().split('\n').length - 1;
  await page.getByRole('tab', { name: 'Seed lists' }).click();
  await page.locator('input[type=file][accept*=csv]').setInputFiles({ name: file, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('status').filter({ hasText: `Imported ${count} seeds from ${file}.` }).waitFor();
  const fields = page.getByLabel('IMAP password');
  for (const { row, password } of passwords) await fields.nth(row).fill(password);
  await page.getByRole('button', { name: 'Save list' }).click();
  await page.getByRole('status').filter({ hasText: `Saved ${file.replace(/\.csv$/, '')} (${count} seeds).` }).waitFor();
}

/** Opens the Send tab with offer.html (a heading and `text`), From, `subject` and both unsubscribe targets. */
export async function composeOffer(page: Page, subject: string, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Send' }).click();
  await page.locator('input[type=file][accept*=html]').setInputFiles({ name: 'offer.html', mimeType: 'text/html', buffer: Buffer.from(`<html><body><h1>Offer</h1><p>${text}</p></body></html>`) });
  await page.getByText('offer.html', { exact: true }).waitFor();
  await page.getByLabel('From', { exact: true }).fill('Shop <news@sender.test>');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('One-click unsubscribe (https://)').fill('https://sender.test/u/1');
  await page.getByLabel('Unsubscribe (mailto:)').fill('mailto:u@sender.test');
}
