import { z } from 'zod';
import { LintConfig } from '../lint/config';
import { method } from './define';

/** The app's lint settings: the same keys as mailbench.config.json, kept per installation. */
export const LintSettings = LintConfig.omit({ $schema: true, ignore: true }).extend({
  /** Where `lint.spamcheck` looks for a running spamd (else env SPAMD_PORT, else 783). */
  spamdPort: z.number().int().min(1).max(65535).optional(),
});
export type LintSettings = z.infer<typeof LintSettings>;

export const SpamHit = z.object({
  rule: z.string(),
  score: z.number(),
  description: z.string(),
  line: z.number().int().min(1).optional(),
});

export const SpamCheckResult = z.object({
  engine: z.enum(['spamc', 'spamassassin']),
  /** For people: `spamd on port 783` or `cold spamassassin -L`. */
  answeredBy: z.string(),
  port: z.number().int().optional(),
  score: z.number(),
  threshold: z.number(),
  isSpam: z.boolean(),
  hits: z.array(SpamHit),
  elapsedMs: z.number(),
});
export type SpamCheckResult = z.infer<typeof SpamCheckResult>;

const MAX_SOURCE = 4 * 1024 * 1024;

export const lintMethods = {
  'lint.settings.get': method({
    summary: 'The lint rule settings, chosen clients and audience mix of this installation.',
    input: z.object({}).strict(),
    output: LintSettings,
  }),
  'lint.settings.set': method({
    summary: 'Saves lint rule settings (rule severities or off, clients, audience weights).',
    input: z.object({ settings: LintSettings }).strict(),
    output: LintSettings,
  }),
  'lint.spamcheck': method({
    summary: 'Runs SpamAssassin locally (a spamd on the spamdPort setting, SPAMD_PORT or 783 via spamc, else spamassassin -L) on the open template wrapped as a sent message; unavailable when not installed.',
    input: z
      .object({
        language: z.enum(['mjml', 'html']),
        source: z.string().max(MAX_SOURCE),
        compiledHtml: z.string().max(MAX_SOURCE),
        subject: z.string().max(998).optional(),
      })
      .strict(),
    output: SpamCheckResult,
  }),
};
