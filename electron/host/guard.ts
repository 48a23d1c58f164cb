import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export const TOKEN_COOKIE = 'mailbench_token';

/**
 * The browser-mode host can send mail and read files, so every request must come to
 * the loopback name we bound (DNS rebinding), from our own origin (CSRF), with the
 * per-run token (other local users and pages).
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): Verdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host;
  if (!host || !allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(host ?? '')} is not this Mailbench host.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`)) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} may not call Mailbench.` };
  }
  const presented = presentedToken(req);
  if (!presented || !sameToken(presented, token)) {
    return { ok: false, status: 401, reason: 'Open the URL that `mailbench web` printed: it carries the access token.' };
  }
  return { ok: true };
}

function presentedToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = url.searchParams.get('token');
  if (query) return query;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
