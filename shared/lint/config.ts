import { z } from 'zod';
import type { Family, Severity } from './types';

export const RuleSetting = z.enum(['off', 'error', 'warning', 'info']);
export type RuleSetting = z.infer<typeof RuleSetting>;

/**
 * `mailbench.config.json`, documented in docs/lint-config.md. Keys of `rules` are a rule id
 * (`img-alt`, `HTML_IMAGE_ONLY_04`, `caniemail/css-display-flex`), a family (`accessibility`),
 * or a prefix ending in `*` (`caniemail/css-*`); the most specific key wins.
 */
export const LintConfig = z
  .object({
    $schema: z.string().max(2000).optional(),
    clients: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'a client is family.platform, like gmail.ios')).min(1).max(60).optional(),
    audience: z.record(z.string(), z.number().min(0)).optional(),
    rules: z.record(z.string().max(200), RuleSetting).optional(),
    ignore: z.array(z.string().max(500)).max(200).optional(),
  })
  .strict();
export type LintConfig = z.infer<typeof LintConfig>;

/** Finds the setting for a rule: exact id, then the longest matching `prefix*`, then its family. */
export function settingFor(rules: Record<string, RuleSetting> | undefined, id: string, family: Family): RuleSetting | undefined {
  if (!rules) return undefined;
  if (rules[id] !== undefined) return rules[id];
  let best: { length: number; setting: RuleSetting } | undefined;
  for (const [key, setting] of Object.entries(rules)) {
    if (key.endsWith('*') && id.startsWith(key.slice(0, -1)) && (!best || key.length > best.length)) best = { length: key.length, setting };
  }
  return best?.setting ?? rules[family];
}

/** Applies a setting to a severity: undefined means the rule is off. */
export function applySetting(setting: RuleSetting | undefined, severity: Severity): Severity | undefined {
  if (setting === 'off') return undefined;
  return setting ?? severity;
}

