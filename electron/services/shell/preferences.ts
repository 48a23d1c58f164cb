import { Preferences } from '../../../shared/contract/shell';
import type { Runtime } from '../runtime';

const KEY = 'shell.preferences';
const defaults: Preferences = { theme: 'system', welcomed: false };

export const readPreferences = (rt: Runtime): Preferences => rt.settings.get(KEY, Preferences, defaults);

export function updatePreferences(rt: Runtime, patch: Partial<Preferences>): Preferences {
  // Over IPC a field can arrive as an explicit undefined (JSON cannot carry one): it means "leave as is".
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const next = rt.settings.set(KEY, Preferences, { ...readPreferences(rt), ...given });
  rt.dispatcher.emit('shell.preferencesChanged', next);
  return next;
}
