import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLintConfig } from '../../../electron/services/lint/config';
import { lint } from '../../../shared/lint/index';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const sample = `{
  "clients": ["gmail.desktop-webmail", "gmail.ios", "outlook.windows", "outlook.new", "apple-mail.ios"],
  "audience": { "apple-mail.ios": 45, "gmail.desktop-webmail": 25, "outlook.windows": 5 },
  "rules": { "tracking-params": "off", "http-link": "error", "accessibility": "warning", "caniemail/css-*": "info" },
  "ignore": ["vendor/**"]
}`;

const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('off', 'error', 'warning', 'info', 'gmail.ios', 'nope.nope', -1, 0, 1e309));
const structured = fc
  .record(
    {
      clients: fc.array(fc.oneof(fc.constantFrom('gmail.ios', 'outlook.new', 'apple-mail.macos', 'unknown.client', 'GMAIL.IOS', ''), fc.string({ maxLength: 20 })), { maxLength: 6 }),
      audience: fc.dictionary(fc.constantFrom('gmail.ios', 'outlook.windows', '__proto__', 'x'), value, { maxKeys: 4 }),
      rules: fc.dictionary(fc.oneof(fc.constantFrom('img-alt', 'spam', 'caniemail/*', '*', '__proto__', 'constructor'), fc.string({ maxLength: 12 })), value, { maxKeys: 5 }),
      ignore: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
      extra: value,
    },
    { requiredKeys: [] },
  )
  .map((config) => JSON.stringify(config, null, 2));

/** A scratch folder for the config file, made on first use and removed by cleanup. */
let folder: string | undefined;
const html = '<html><body><p>FREE offer</p><img src="https://example.com/a.png"></body></html>';

/** `mailbench.config.json` (a JSON import): read as the CLI reads it, then used by the lint engine. */
export const lintConfigTarget: FuzzTarget = {
  name: 'lint-config',
  summary: 'lint config JSON imports (electron/services/lint/config.ts)',
  input: fc.oneof({ weight: 3, arbitrary: structured }, { weight: 3, arbitrary: mutated([sample]) }, { weight: 1, arbitrary: anyText }),
  runs: 5_000,
  run(text) {
    folder ??= mkdtempSync(join(tmpdir(), 'mailbench-fuzz-config-'));
    writeFileSync(join(folder, 'mailbench.config.json'), text);
    const { config } = loadLintConfig(folder);
    lint({ kind: 'html', source: html }, { config });
  },
  cleanup() {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  },
};
