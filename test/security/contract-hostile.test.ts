import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { type CallResult, errorCodes, methodNames } from '../../shared/contract/index';
import { tempDir } from '../support/temp';
import { hostileInputs } from './hostile-inputs';

/**
 * Exploit-style: every method in the contract, whoever wrote it, gets wrong types,
 * huge strings, path traversal and prototype-pollution keys. Each call must come back
 * as a CallResult (a typed error, never `internal`, never a throw or a hang), the
 * process must stay unpolluted, and no file outside the data folder may change.
 */
const temp = tempDir('mailbench-hostile-');
const dataDir = join(temp.dir, 'data');
const cwd = join(temp.dir, 'cwd');
const canary = join(temp.dir, 'canary');
let rt: Runtime;
let startCwd: string;

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (full === dataDir) continue;
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else files.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

beforeAll(() => {
  for (const dir of [dataDir, cwd, canary]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(canary, 'secret.eml'), 'Subject: canary\r\n\r\nnot for the app');
  writeFileSync(join(canary, 'keep.mjml'), '<mjml><mj-body></mj-body></mjml>');
  startCwd = process.cwd();
  // Relative paths a handler wrongly honours would land here, inside the watched folder.
  process.chdir(cwd);
  rt = createRuntime({ dataDir, transport: 'web', logError: () => {} });
});
afterAll(async () => {
  process.chdir(startCwd);
  await rt.close();
  temp.cleanup();
});

describe('every contract method under hostile input', () => {
  it('knows the methods it attacks', () => {
    expect(methodNames.length).toBeGreaterThan(3);
  });

  it.each(methodNames.map((name) => [name]))('%s answers with a typed error, never internal, and touches no file outside its data folder', { timeout: 120_000 }, async (name) => {
    const before = snapshot(temp.dir);
    const failures: string[] = [];
    for (const input of hostileInputs(name)) {
      const label = `${name}(${summarize(input)})`;
      let result: CallResult<unknown>;
      try {
        result = await withTimeout(rt.dispatcher.call(name, input), 15_000, label);
      } catch (error) {
        failures.push(`${label} threw or hung: ${(error as Error).message}`);
        continue;
      }
      if (result.ok) continue;
      if (!(errorCodes as readonly string[]).includes(result.error.code)) failures.push(`${label} gave an unknown code ${result.error.code}`);
      if (result.error.code === 'internal') failures.push(`${label} crashed inside: ${result.error.message}`);
      if (!result.error.message) failures.push(`${label} gave an error without a message`);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot(temp.dir)).toEqual(before);
  });
});

function summarize(input: unknown): string {
  if (typeof input === 'string') return input.length > 40 ? `string of ${input.length}` : JSON.stringify(input);
  if (typeof input !== 'object' || input === null) return String(typeof input === 'symbol' ? 'symbol' : typeof input === 'function' ? 'function' : typeof input === 'bigint' ? 'bigint' : input);
  try {
    const text = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'string' && value.length > 40 ? `<${value.length} chars>` : value));
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  } catch {
    return 'object';
  }
}
