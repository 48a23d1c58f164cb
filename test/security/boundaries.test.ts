import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const importsElectron = /(?:from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

/** Only the thin shell may touch Electron; everything else must run under plain Node or a browser. */
const shellFiles = new Set(['electron/main.ts', 'electron/window.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/protocol.ts']);

describe('import boundaries', () => {
  it('keeps electron out of services, shared code, the renderer, the CLI and tests', () => {
    const offenders = ['electron', 'shared', 'renderer', 'test']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !shellFiles.has(file) && !file.startsWith('electron/adapters/'))
      .filter((file) => importsElectron.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps shared/ free of electron/ and renderer/ imports, and the renderer off electron/', () => {
    const sharedBad = sourceFiles(join(root, 'shared')).filter((file) => /from\s+['"][./]*(electron|renderer)\//.test(readFileSync(file, 'utf8')));
    const rendererBad = sourceFiles(join(root, 'renderer')).filter((file) => /from\s+['"][./]*electron\//.test(readFileSync(file, 'utf8')));
    expect([...sharedBad, ...rendererBad].map((file) => relative(root, file))).toEqual([]);
  });
});
