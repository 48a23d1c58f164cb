import { type LintSettings, LintSettings as LintSettingsSchema } from '../../../shared/contract/lint';
import type { Runtime } from '../runtime';
import { checkClients } from './config';

const KEY = 'lint.settings';

export function readLintSettings(rt: Runtime): LintSettings {
  return rt.settings.get(KEY, LintSettingsSchema, {});
}

export function writeLintSettings(rt: Runtime, settings: LintSettings): LintSettings {
  checkClients(settings.clients ?? []);
  return rt.settings.set(KEY, LintSettingsSchema, settings);
}
