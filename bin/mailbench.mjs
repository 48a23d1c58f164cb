#!/usr/bin/env node
// The CLI is bundled by `npm run build:node` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('mailbench: the CLI is not built. Run `npm run build:node` in the Mailbench folder.\n');
  process.exit(2);
}
await import(entry.href);
