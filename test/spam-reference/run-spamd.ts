/**
 * SpamAssassin's verdict on files, from a private offline spamd (see spamd.ts):
 *   npx tsx test/spam-reference/run-spamd.ts [--port N] FILE...
 * prints one JSON line per file: {"file","score","hits":{"RULE":points,...}}. Files are sent as bytes, unchanged;
 * a folder stands for the files in it. --port picks spamd's port (default: a free one).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSpamd } from './spamd';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string' }, parallel: { type: 'string' } } });
const files = positionals.flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).sort().map((name) => join(path, name)) : [path]));
if (!files.length) {
  console.error('usage: tsx test/spam-reference/run-spamd.ts [--port N] [--parallel 2] FILE|FOLDER...');
  process.exit(2);
}
const spamd = await startSpamd(values.port ? { port: Number(values.port) } : {});
try {
  const results = await spamd.checkAll(files.map((file) => readFileSync(file)), Number(values.parallel ?? 2));
  files.forEach((file, i) => console.log(JSON.stringify({ file, score: results[i]!.score, hits: Object.fromEntries(results[i]!.hits) })));
} finally {
  await spamd.stop();
}
