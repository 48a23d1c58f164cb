import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJsonBody, checkRequest } from '../../electron/host/guard';
import { startWebHost, type WebHost } from '../../electron/host/server';
import type { Runtime } from '../../electron/services/runtime';
import { testRuntime } from '../support/runtime';

const PORT = 45_123;
const TOKEN = 'k'.repeat(32);

/** The parts of a request the guard reads; the real guard function judges it. */
const req = (headers: Record<string, string | undefined>, url = '/'): IncomingMessage => ({ headers, url }) as unknown as IncomingMessage;
const good = { host: `127.0.0.1:${PORT}`, authorization: `Bearer ${TOKEN}` };

describe('browser-mode guard (checkRequest)', () => {
  it('lets the app\'s own requests in, by the Authorization header', () => {
    expect(checkRequest(req(good), PORT, TOKEN)).toEqual({ ok: true });
    expect(checkRequest(req({ ...good, host: `localhost:${PORT}` }), PORT, TOKEN)).toEqual({ ok: true });
    expect(checkRequest(req({ ...good, origin: `http://localhost:${PORT}` }), PORT, TOKEN)).toEqual({ ok: true });
  });

  it('reads the token from no cookie and no query string (cookies ignore ports, URLs land in history)', () => {
    expect(checkRequest(req({ host: good.host, cookie: `a=b; mailbench_token=${TOKEN}` }), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(req({ host: good.host }, `/rpc/app.info?token=${TOKEN}`), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });

  it('takes contract bodies typed application/json only', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      expect(checkJsonBody(req({ 'content-type': type })), type).toEqual({ ok: true });
    }
    for (const type of [undefined, '', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json']) {
      expect(checkJsonBody(req({ 'content-type': type })), String(type)).toMatchObject({ ok: false, status: 415 });
    }
  });

  it('refuses a missing, empty, shortened, lengthened or re-cased token with 401', () => {
    for (const token of ['', TOKEN.slice(1), `${TOKEN}k`, TOKEN.toUpperCase(), ` ${TOKEN}`, `${TOKEN}\u0000`]) {
      expect(checkRequest(req({ host: good.host, authorization: `Bearer ${token}` }), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    }
    expect(checkRequest(req({ host: good.host }), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(req({ host: good.host, authorization: TOKEN }), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses hosts a DNS-rebinding page would send, with 403 even with the token', () => {
    for (const host of [undefined, '', 'evil.example', `evil.example:${PORT}`, `127.0.0.1:${PORT + 1}`, `127.0.0.1.:${PORT}`, `localhost.:${PORT}`, `[::1]:${PORT}`, `0.0.0.0:${PORT}`, `127.0.0.2:${PORT}`, `127.1:${PORT}`, `localhost:${PORT}@evil`]) {
      expect(checkRequest(req({ ...good, host }), PORT, TOKEN), String(host)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses foreign origins, including null and look-alikes, with 403 even with the token', () => {
    for (const origin of ['null', 'http://evil.example', `http://127.0.0.1:${PORT + 1}`, `https://127.0.0.1:${PORT}`, `http://127.0.0.1:${PORT}.evil.example`, `http://localhost:${PORT}/`, 'file://', 'app://mailbench']) {
      expect(checkRequest(req({ ...good, origin }), PORT, TOKEN), origin).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('lets no generated Host, Origin or token through that is not exactly ours (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.oneof(fc.webUrl(), fc.string()), { nil: undefined }), fc.string(), (host, origin, token) => {
        const verdict = checkRequest(req({ host, origin, authorization: `Bearer ${token}` }), PORT, TOKEN);
        if (verdict.ok) {
          expect([`127.0.0.1:${PORT}`, `localhost:${PORT}`]).toContain(host!.toLowerCase());
          expect(origin === undefined || origin === `http://127.0.0.1:${PORT}` || origin === `http://localhost:${PORT}`).toBe(true);
          expect(token).toBe(TOKEN);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** Raw HTTP against a real host in this process: fetch cannot set Host. */
function send(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        // The event stream never ends by itself: its first bytes are enough.
        if (res.headers['content-type'] === 'text/event-stream') res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const json = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

describe('browser-mode host (real server on loopback)', () => {
  let rt: Runtime;
  let cleanup: () => Promise<void>;
  let host: WebHost;
  beforeAll(async () => {
    ({ rt, cleanup } = testRuntime());
    const ui = join(rt.dataDir, 'ui');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<div id="root"></div>');
    host = await startWebHost({ dispatcher: rt.dispatcher, rendererDir: ui, token: TOKEN, maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await host.close();
    await cleanup();
  });

  it('refuses the event stream and contract calls without the token in the header', async () => {
    expect((await send(host.port, '/events', {})).status).toBe(401);
    expect((await send(host.port, `/events?token=${TOKEN}`, {})).status).toBe(401);
    expect((await send(host.port, '/rpc/app.info', { 'Content-Type': 'application/json' }, 'POST', '{}')).status).toBe(401);
    const stream = await send(host.port, '/events', { Authorization: `Bearer ${TOKEN}` });
    expect(stream.status).toBe(200);
  });

  it('serves the UI shell (public code) without the token, and no cookie with it', async () => {
    const page = await send(host.port, '/', {});
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cross-site form post that carries the cookie but a foreign Origin', async () => {
    const res = await send(host.port, '/rpc/shell.preferences.set', { Cookie: `mailbench_token=${TOKEN}`, Origin: 'http://evil.example', 'Content-Type': 'text/plain' }, 'POST', '{"theme":"dark"}');
    expect(res.status).toBe(403);
    const prefs = await rt.dispatcher.call('shell.preferences.get', {});
    expect(prefs).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('answers an oversized body with a typed error, not a crash', async () => {
    const res = await send(host.port, '/rpc/app.openExternal', json, 'POST', JSON.stringify({ url: 'x'.repeat(100 * 1024) }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await send(host.port, '/rpc/app.info', json, 'POST', '{}')).status).toBe(200);
  });

  it('answers hostile method names in the path with unknown_method', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', '..%2Fapp.info', '%E0%A4%A', 'app.info%00']) {
      const res = await send(host.port, `/rpc/${name}`, json, 'POST', '{}');
      expect(res.status, name).not.toBe(500);
      if (res.status === 200) expect(JSON.parse(res.body), name).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });
});
