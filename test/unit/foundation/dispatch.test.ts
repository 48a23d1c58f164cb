import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../electron/services/runtime';
import { methodNames } from '../../../shared/contract/index';
import { testRuntime } from '../../support/runtime';

let rt: Runtime;
let cleanup: () => Promise<void>;
beforeEach(() => ({ rt, cleanup } = testRuntime()));
afterEach(() => cleanup());

describe('dispatcher', () => {
  it('serves app.info with the data folder and schema version', async () => {
    const result = await rt.dispatcher.call('app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: 'Mailbench', dataDir: rt.dataDir, schemaVersion: expect.any(Number), transport: 'web' });
  });

  it('answers an unknown method with unknown_method, not a crash', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 42, null, 'app.info '.repeat(10_000)]) {
      const result = await rt.dispatcher.call(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('rejects input that breaks the schema with the path of each problem', async () => {
    const result = await rt.dispatcher.call('app.openExternal', { url: 5, extra: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['url']));
    expect(result.error.hint).toBeTruthy();
  });

  it('gives every method a typed error for hostile input of every JSON type', async () => {
    const hostile: unknown[] = [undefined, null, 'x', 1, [], [1, 2], { __proto__: { polluted: 1 } }, JSON.parse('{"__proto__":{"polluted":1}}'), { url: 'a'.repeat(100_000) }];
    for (const name of methodNames) {
      for (const input of hostile) {
        const result = await rt.dispatcher.call(name, input);
        if (!result.ok) expect(['invalid_input', 'not_found', 'parse_error', 'unavailable', 'conflict']).toContain(result.error.code);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to open anything but http, https and mailto links', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'vbscript:x', 'https://user:pw@example.com/', '/relative']) {
      const result = await rt.dispatcher.call('app.openExternal', { url });
      expect(result).toMatchObject({ ok: true, value: { opened: false } });
    }
    const ok = await rt.dispatcher.call('app.openExternal', { url: 'https://example.com/a?b=c' });
    expect(ok).toMatchObject({ ok: true, value: { url: 'https://example.com/a?b=c' } });
  });

  it('validates events before they reach listeners', () => {
    const seen: unknown[] = [];
    const unsubscribe = rt.dispatcher.subscribe((name, payload) => seen.push({ name, payload }));
    rt.dispatcher.emit('job.progress', { jobId: 'j', kind: 'test', done: 1, total: 2, state: 'running' });
    rt.dispatcher.emit('job.progress', { jobId: 'j', kind: 'test', done: -1, state: 'running' });
    unsubscribe();
    expect(seen).toEqual([{ name: 'job.progress', payload: { jobId: 'j', kind: 'test', done: 1, total: 2, state: 'running' } }]);
  });
});
