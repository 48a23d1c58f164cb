import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../shared/lint/index';

const root = join(__dirname, '../../fixtures/spam');
const scores = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((file) => file.endsWith('.eml'))
    .map((file) => lint({ kind: 'eml', source: readFileSync(join(root, folder, file), 'latin1') }, { families: ['spam'] }).spamScore);

describe('spam score over the SpamAssassin public corpus (150 spam_1, 150 easy_ham_1)', () => {
  it('separates spam from ham, and prints how well', () => {
    const spam = scores('spam');
    const ham = scores('ham');
    expect(spam.length).toBe(150);
    expect(ham.length).toBe(150);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const share = (xs: number[], at: number) => xs.filter((x) => x >= at).length / xs.length;
    // Probability that a random spam outscores a random ham (ties count half): the ROC AUC.
    let wins = 0;
    for (const s of spam) for (const h of ham) wins += s > h ? 1 : s === h ? 0.5 : 0;
    const auc = wins / (spam.length * ham.length);
    console.log(
      [
        `spam: mean ${mean(spam).toFixed(2)}, ${(share(spam, 1) * 100).toFixed(0)} % at >= 1 point, ${(share(spam, 2) * 100).toFixed(0)} % at >= 2`,
        `ham:  mean ${mean(ham).toFixed(2)}, ${(share(ham, 1) * 100).toFixed(0)} % at >= 1 point, ${(share(ham, 2) * 100).toFixed(0)} % at >= 2`,
        `AUC (spam scored above ham) ${auc.toFixed(3)}`,
      ].join('\n'),
    );
    expect(mean(spam)).toBeGreaterThan(mean(ham) + 1);
    expect(share(spam, 1)).toBeGreaterThan(0.35);
    expect(share(ham, 1)).toBeLessThan(0.05);
    expect(auc).toBeGreaterThan(0.75);
  });
});
