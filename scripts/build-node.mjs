// Bundles the Node-side entry points with esbuild (a fraction of a second):
//   dist/cli.mjs               the `mailbench` CLI and browser-mode host (+ dist/cli-chunks/, one per command)
//   dist/lint-worker.mjs       a `mailbench lint` worker thread (electron/services/lint/pool.ts finds it)
//   dist/electron/main.mjs     Electron main process
//   dist/electron/preload.cjs  the preload, ONE file as sandboxed preloads require
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// Chunks are content-hashed: stale ones from an earlier build would pile up.
rmSync('dist/cli-chunks', { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };

// The preload only needs the contract's method names, not its zod schemas: read them once
// here and inline them, which keeps the sandboxed preload a few kilobytes.
const namesModule = 'dist/contract-names.mjs';
await build({ ...common, sourcemap: false, entryPoints: ['shared/contract/index.ts'], outfile: namesModule, format: 'esm', packages: 'external' });
const { methodNames } = await import(new URL(`../${namesModule}`, import.meta.url).href);
rmSync(namesModule);

await Promise.all([
  // Split at each command's dynamic import, so a command loads only its own code (start-up is a feature).
  // The lint worker thread (`mailbench lint --jobs`) is an entry of the same build: it shares the engine's chunks.
  build({
    ...common,
    entryPoints: { cli: 'electron/cli/entry.ts', 'lint-worker': 'electron/services/lint/worker.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'cli-chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    packages: 'external',
  }),
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', packages: 'external', external: ['electron'] }),
  // The preload runs sandboxed: only `electron` may stay external, everything else is inlined.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
    define: { __MAILBENCH_METHOD_NAMES__: JSON.stringify(methodNames) },
  }),
]);
