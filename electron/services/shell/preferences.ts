import { Preferences } from '../../../shared/contract/shell';
import type { Runtime } from '../runtime';

const KEY = 'shell.preferences';
const defaults: Preferences = { theme: 'system', welcomed: false };

export const readPreferences = (rt: Runtime): Preferences => rt.settings.get(KEY, Preferences, defaults);

export function updatePreferences(rt: Runtime, patch: Partial<Preferences>): Preferences {
  const next = rt.settings.set(KEY, Preferences, { ...readPreferences(rt), ...patch });
  rt.dispatcher.emit('shell.preferencesChanged', next);
  return next;
}
