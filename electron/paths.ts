import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding package.json, found by walking up from this module. The same code
 * runs from source (tsx, vitest), from dist/ bundles and from inside the packed app.
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find Mailbench package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  root = dir;
  return root;
}

/** The built renderer (vite build output). */
export const rendererDir = (): string => resolve(projectRoot(), 'dist', 'renderer');
/** Files shipped with the app: starters, data. */
export const resourcesDir = (): string => resolve(projectRoot(), 'resources');
