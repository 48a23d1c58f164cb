// Makes node_modules/better-sqlite3 match the runtime that is about to load it.
//   node scripts/native.mjs node      before tests, the CLI and browser mode
//   node scripts/native.mjs electron  before `npm start` and `npm run dist`
// The binary is rebuilt only when it does not fit, and a marker records what it was
// built for, so `npm ci`, `npm test` and `npm start` work in any order.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const moduleDir = require.resolve('better-sqlite3/package.json').replace(/package\.json$/, '');
const marker = `${moduleDir}build/mailbench-abi.txt`;
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;

// npm on some machines sets nodedir, which silently makes electron rebuilds target Node.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));

if (target === 'node') {
  const wanted = `node-${process.versions.modules}`;
  const loads = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'ignore' }).status === 0;
  if (loads && (current === undefined || current === wanted)) {
    writeFileSync(marker, wanted);
    process.exit(0);
  }
  console.log(`better-sqlite3 was built for ${current ?? 'another runtime'}; rebuilding for Node ${process.version} (about a minute)…`);
  execFileSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  writeFileSync(marker, wanted);
} else {
  const electronVersion = require('electron/package.json').version;
  const wanted = `electron-${electronVersion}`;
  if (current === wanted) process.exit(0);
  console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion}…`);
  execFileSync('npx', ['electron-rebuild', '--only', 'better-sqlite3', '--force', '--version', electronVersion], { stdio: 'inherit', env: { ...env, npm_config_nodedir: '' } });
  writeFileSync(marker, wanted);
}
