import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import { takeOpenedFiles } from './inbox';
import { readPreferences, updatePreferences } from './preferences';
import { addRecent, clearRecent, listRecent } from './recent';

type ShellMethod = 'shell.preferences.get' | 'shell.preferences.set' | 'shell.recent.list' | 'shell.recent.add' | 'shell.recent.clear' | 'shell.files.take';

export function shellHandlers(rt: Runtime): Pick<Handlers, ShellMethod> {
  return {
    'shell.preferences.get': () => readPreferences(rt),
    'shell.preferences.set': (patch) => updatePreferences(rt, patch),
    'shell.recent.list': () => listRecent(rt),
    'shell.recent.add': ({ path }) => addRecent(rt, path),
    'shell.recent.clear': () => clearRecent(rt),
    'shell.files.take': () => takeOpenedFiles(rt),
  };
}
