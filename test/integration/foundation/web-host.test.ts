import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../../support/app-process';
import { tempDir } from '../../support/temp';

/** Raw HTTP, so that Host and Origin can be anything (fetch forbids setting Host). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let app: AppProcess;
const data = tempDir();
beforeAll(async () => {
  app = await startApp(data.dir, ['--port', '0']);
});
afterAll(async () => {
  await app.stop();
  data.cleanup();
});

describe('mailbench web (browser mode host)', () => {
  it('prints one URL on 127.0.0.1 with a long random token', () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
  });

  it('says where the open file is: private, holding the same URL', async () => {
    const line = /Or open this file in your browser .*: (\S+\.html)$/m;
    // Printed right after the URL line, which is all startApp waits for.
    await expect.poll(() => line.test(app.output())).toBe(true);
    const file = line.exec(app.output())![1]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`url=${app.url}`);
  });

  it('serves the UI shell without the token and without a cookie; data only with the token', async () => {
    const shell = await get(app.port, '/');
    expect(shell.status).toBe(200);
    expect(shell.body).toContain('<div id="root">');
    expect(String(shell.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(shell.headers['set-cookie']).toBeUndefined();
    const json = { 'Content-Type': 'application/json' };
    expect((await get(app.port, '/rpc/app.info', json, 'POST', '{}')).status).toBe(401);
    expect((await get(app.port, '/rpc/app.info', { ...json, Authorization: 'Bearer wrong-token' }, 'POST', '{}')).status).toBe(401);
    expect((await get(app.port, '/rpc/app.info', { ...json, Authorization: `Bearer ${app.token}` }, 'POST', '{}')).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    expect((await get(app.port, `/?token=${app.token}`, { Host: 'evil.example' })).status).toBe(403);
    expect((await get(app.port, `/?token=${app.token}`, { Host: `evil.example:${app.port}` })).status).toBe(403);
    expect((await get(app.port, `/?token=${app.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    const rpc = await get(app.port, '/rpc/app.info', { Origin: 'http://evil.example', Authorization: `Bearer ${app.token}` }, 'POST', '{}');
    expect(rpc.status).toBe(403);
    expect((await get(app.port, '/', { Host: `localhost:${app.port}` })).status).toBe(200);
    expect((await get(app.port, '/rpc/app.info', { Host: `localhost:${app.port}`, Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, 'POST', '{}')).status).toBe(200);
  });

  it('serves contract calls and shapes bad input as a typed error', async () => {
    const auth = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
    const info = JSON.parse((await get(app.port, '/rpc/app.info', auth, 'POST', '{}')).body);
    expect(info).toMatchObject({ ok: true, value: { name: 'Mailbench', dataDir: data.dir } });
    const bad = JSON.parse((await get(app.port, '/rpc/app.info', auth, 'POST', '{"surprise":1}')).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: '(input)' })] } });
    const notJson = await get(app.port, '/rpc/app.info', auth, 'POST', '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('never serves files outside the built UI', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/assets/%00']) {
      const res = await get(app.port, path, { Authorization: `Bearer ${app.token}` });
      expect(res.body).not.toContain('"devDependencies"');
      expect(res.body).not.toContain('root:x:0:0');
    }
  });
});
