import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Verdict = { ok: true } | { ok: false; status: 401 | 403 | 415; reason: string };

/**
 * Every request must come to the loopback name we bound (DNS rebinding) and from our own
 * origin (CSRF). Static files pass with that alone: they are the app's public code.
 */
export function checkPlace(req: IncomingMessage, port: number): Verdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host;
  if (!host || !allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(host ?? '')} is not this Mailbench host.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`)) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} may not call Mailbench.` };
  }
  return { ok: true };
}

/**
 * What answers with user data (contract calls, events) also needs the per-run token, and
 * only in the Authorization header: a cookie would be sent to every port on 127.0.0.1 and a
 * query string lands in history and logs, so neither is read.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): Verdict {
  const place = checkPlace(req, port);
  if (!place.ok) return place;
  const auth = req.headers.authorization;
  const presented = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
  if (!presented || !sameToken(presented, token)) {
    return { ok: false, status: 401, reason: 'Open the URL (or the file) that `mailbench web` printed: it carries the access token.' };
  }
  return { ok: true };
}

/**
 * Contract calls take JSON only. A page elsewhere can send text/plain and form bodies
 * without a CORS preflight (a "simple request"); application/json always needs one.
 */
export function checkJsonBody(req: IncomingMessage): Verdict {
  const type = req.headers['content-type'];
  const media = type?.split(';')[0]!.trim().toLowerCase();
  if (media === 'application/json') return { ok: true };
  return {
    ok: false,
    status: 415,
    reason: `Contract calls take a JSON body with Content-Type: application/json, not ${type === undefined ? 'a body without a type' : JSON.stringify(type)}.`,
  };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
