import { relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

// What `mailbench lint` is asked to lint, worked out without the lint engine: the run starts its worker
// threads from this list before the main thread loads the engine (run.ts), so the two overlap.

/**
 * Expands files and globs (relative to cwd) to lintable files, in the order given, without duplicates, and
 * says which globs matched nothing. Each target is globbed once.
 */
export async function expandTargets(targets: readonly string[], cwd: string, ignore: readonly string[] = []): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const matched = isDynamicPattern(target)
      ? (await glob(target, { cwd, ignore: [...ignore, '**/node_modules/**'], onlyFiles: true, expandDirectories: false })).sort()
      : [target];
    if (matched.length === 0) unmatched.push(target);
    for (const file of matched) {
      if (!seen.has(file)) {
        seen.add(file);
        files.push(file);
      }
    }
  }
  return { files, unmatched };
}

export const displayPath = (file: string, cwd: string): string => (file.startsWith('/') ? relative(cwd, file) || file : file);
