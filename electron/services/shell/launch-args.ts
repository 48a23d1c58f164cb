import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileKindOf } from '../../../shared/shell/files';

/**
 * The files in a command line that launched Mailbench (a double-click on an
 * associated file, `mailbench-desktop newsletter.mjml`, or a second launch that was
 * handed to the running app). Flags, the executable and the app folder are skipped.
 */
export function filesInArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && fileKindOf(arg) !== undefined)
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
    .filter((path) => existsSync(path));
}
