import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser';
import { openEditor } from './editor-page';

const session = appInBrowser();

const template = [
  '<mjml>',
  '  <mj-body>',
  '    <mj-section>',
  '      <mj-column>',
  '        <mj-text>Get your free instant quote with a money back guarantee.</mj-text>',
  '        <mj-button href="http://example.com/offer">Shop now</mj-button>',
  '        <mj-text><a href="https://bit.ly/offer">click here</a></mj-text>',
  '      </mj-column>',
  '    </mj-section>',
  '  </mj-body>',
  '</mjml>',
].join('\n');

describe('the Lint panel in Chromium (browser mode)', () => {
  it('lists findings by family, filters by severity, shows the spam score, and jumps to the MJML line', async () => {
    const editor = await openEditor(session.browser, session.app);
    const { page } = editor;
    await editor.replaceSource(template);
    await expect.poll(() => editor.frameText(), { timeout: 20_000 }).toContain('money back guarantee');

    await page.getByRole('button', { name: 'Lint', exact: true }).click();
    const findings = page.getByRole('list', { name: 'Findings' });
    await expect.poll(() => findings.textContent(), { timeout: 20_000 }).toContain('Money back guarantee');
    expect(await findings.getByRole('heading').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Spam triggers \(\d+\)/), expect.stringMatching(/^Links and images \(\d+\)/)]));
    // The score is SpamAssassin's rules' (the fidelity test holds it to spamd); here it must be a real score for this
    // spammy text and agree with the status bar, not a number written into the test.
    await expect.poll(async () => Number(await page.getByTestId('lint-spam-score').textContent()), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const score = await page.getByTestId('lint-spam-score').textContent();
    expect(score).toMatch(/^\d+\.\d$/);
    expect(await page.getByTestId('status-lint').textContent()).toContain(`spam ${score}`);
    // What the offline score could not evaluate is one line under the score, not a finding (not even at info); the
    // breakdown lists SpamAssassin's 0.001-point HTML_MESSAGE, which a template counts without a finding.
    await expect.poll(() => page.getByRole('list', { name: 'Notes' }).textContent(), { timeout: 20_000 }).toMatch(/SpamAssassin rules need the network or a Bayes database and were not evaluated offline/);
    await page.getByRole('checkbox', { name: /Include info/ }).check();
    expect(await findings.textContent()).not.toMatch(/SPAM_NOT_EVALUATED|HTML_MESSAGE/);
    await page.getByText(/^Score breakdown \(\d+ rules hit\)/).click();
    const breakdown = page.getByRole('table', { name: 'Spam score breakdown' });
    expect(await breakdown.getByRole('row').filter({ hasText: 'HTML_MESSAGE' }).textContent()).toMatch(/^0\.001HTML_MESSAGE.*no \(informational\)$/);
    expect(await breakdown.getByRole('row').filter({ hasText: 'MONEY_BACK' }).textContent()).toMatch(/yes$/);

    await page.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('error');
    await expect.poll(async () => (await findings.getByRole('button').allTextContents()).every((text) => text.includes('error:'))).toBe(true);
    const errors = await findings.getByRole('button').count();
    expect(errors).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('all');

    await findings.getByRole('button', { name: /Link uses http:\/\// }).click();
    // Clicking a finding shows the editor with the cursor on the mj-button line (line 6 of the MJML).
    const activeLine = page.getByRole('region', { name: 'Template source' }).locator('.line-numbers.active-line-number');
    await expect.poll(() => activeLine.textContent(), { timeout: 10_000 }).toBe('6');
    // The Lint panel stays mounted, so the worker keeps linting and the editor shows the findings as markers.
    await expect.poll(() => page.locator('.squiggly-warning, .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(editor.errors).toEqual([]);
    await page.close();
  });

  it('a real SpamAssassin result is about the text it judged: after an edit it is gone, not shown beside the new findings', async () => {
    const editor = await openEditor(session.browser, session.app);
    const { page } = editor;
    await editor.replaceSource(template);
    await expect.poll(() => editor.frameText(), { timeout: 20_000 }).toContain('money back guarantee');
    await page.getByRole('button', { name: 'Lint', exact: true }).click();
    await page.getByRole('button', { name: 'Run SpamAssassin' }).click();
    const verdict = page.getByRole('status').filter({ hasText: /points \(5\.0 required\)/ });
    await expect.poll(() => verdict.count(), { timeout: 60_000 }).toBe(1);
    expect(await verdict.textContent()).toMatch(/by (spamd on port \d+|cold spamassassin -L) in/);
    // Another text: the verdict about the old one leaves the screen.
    await page.getByRole('button', { name: 'Editor', exact: true }).click();
    await editor.replaceSource(template.replace('money back guarantee', 'a calm note'));
    await page.getByRole('button', { name: 'Lint', exact: true }).click();
    await expect.poll(() => verdict.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByRole('table', { name: 'SpamAssassin rules hit' }).count()).toBe(0);
    expect(editor.errors).toEqual([]);
    await page.close();
  });
});
