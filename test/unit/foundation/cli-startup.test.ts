import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Start-up is a feature: `mailbench --version` or `mailbench lint` must not load mailauth,
 * imapflow, nodemailer, zod or every service. The bundle is split at each command's dynamic
 * import; this reads what the entry module and the chunks it imports statically pull in
 * (pretest builds dist/), so a static import that drags a service back into start-up fails here.
 */
const dist = join(__dirname, '../../../dist');
const staticImports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)].map((m) => (m[1] ?? m[2])!);

function startupGraph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(join(file, '..', spec));
      else packages.add(spec);
    }
  };
  visit(join(dist, 'cli.mjs'));
  return { files, packages };
}

describe('CLI start-up', () => {
  it('loads no npm package and no command before a command is chosen', () => {
    const { files, packages } = startupGraph();
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect([...packages].filter((spec) => !builtins.has(spec))).toEqual([]);
    const bytes = [...files].reduce((sum, file) => sum + readFileSync(file).length, 0);
    expect(bytes).toBeLessThan(40_000);
  });

  it('puts each command in a chunk of its own, loaded on demand', () => {
    const entry = readFileSync(join(dist, 'cli.mjs'), 'utf8');
    const lazy = [...entry.matchAll(/import\("\.\/cli-chunks\/([a-z-]+)-[A-Z0-9]+\.mjs"\)/g)].map((m) => m[1]);
    expect(lazy).toEqual(expect.arrayContaining(['web', 'info', 'compile', 'lint', 'auth', 'seed', 'warmup']));
    expect(readdirSync(join(dist, 'cli-chunks')).some((name) => name.startsWith('runtime-'))).toBe(true);
  });
});
