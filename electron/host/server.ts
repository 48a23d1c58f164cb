import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CSP } from '../../shared/csp';
import { AppError } from '../../shared/contract/errors';
import type { Dispatcher } from '../rpc/dispatch';
import { checkJsonBody, checkPlace, checkRequest, type Verdict } from './guard';
import { containedPath, serveFile } from './static';

export interface WebHost {
  /** The address to open once: the page moves the token out of it. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  dispatcher: Dispatcher;
  rendererDir: string;
  port?: number;
  /** Fixed only by tests that need to know it in advance. */
  token?: string;
  /** Largest request body; imports of big exports go through the CLI or a file path. */
  maxBodyBytes?: number;
}

const securityHeaders = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Browser mode: the built renderer and the contract on 127.0.0.1 only. RPC is
 * `POST /rpc/<method>` with a JSON body, events are Server-Sent Events on `/events`,
 * both with `Authorization: Bearer <token>`.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[mailbench web]', error);
      if (!res.headersSent) send(res, 500, { error: 'internal' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const data = url.pathname.startsWith('/rpc/') || url.pathname === '/events';
    const verdict = data ? checkRequest(req, port, token) : checkPlace(req, port);
    if (!verdict.ok) return refuse(res, verdict);
    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, decodePathPart(url.pathname.slice(5)));
    if (url.pathname === '/events') return eventStream(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { code: 'forbidden', message: `${req.method} is not allowed here.` } });
      return;
    }
    // The built UI is public code and answers without the token; the page takes the token from
    // its URL once and sends it in a header. No cookie: cookies ignore ports.
    const file = containedPath(options.rendererDir, url.pathname);
    // Vite names everything under /assets/ by content hash, so those files never change under
    // their name: caching them spares a reload from re-fetching and recompiling Monaco.
    const caching = url.pathname.startsWith('/assets/') ? { 'Cache-Control': 'private, max-age=31536000, immutable' } : {};
    const headers = { ...securityHeaders, ...caching };
    // Unknown paths fall back to the app shell, so reloads keep working.
    if (file && serveFile(res, file, headers)) return;
    if (!serveFile(res, `${options.rendererDir}/index.html`, headers)) {
      send(res, 503, { ok: false, error: { code: 'unavailable', message: 'The UI is not built. Run `npm run build` first.' } });
    }
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      send(res, 405, { ok: false, error: { code: 'forbidden', message: 'Contract calls use POST.' } });
      return;
    }
    const json = checkJsonBody(req);
    if (!json.ok) return refuse(res, json);
    let input: unknown;
    try {
      const body = await readBody(req, maxBody);
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const shape = error instanceof AppError ? error.toShape() : { code: 'invalid_input', message: 'The request body is not valid JSON.' };
      send(res, 400, { ok: false, error: shape });
      return;
    }
    send(res, 200, await options.dispatcher.call(name, input));
  }

  function eventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = options.dispatcher.subscribe((name, payload) => {
      res.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

/** A malformed escape (`%E0%A4%A`) names no method: the dispatcher answers unknown_method for it. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function refuse(res: ServerResponse, verdict: Exclude<Verdict, { ok: true }>): void {
  const code = verdict.status === 415 ? 'invalid_input' : 'forbidden';
  send(res, verdict.status, { ok: false, error: { code, message: verdict.reason } });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets the error (destroying the socket would hang it up).
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size <= limit) resolvePromise(Buffer.concat(chunks));
      else reject(new AppError('invalid_input', `The request is larger than ${(limit / 1048576).toFixed(limit < 1048576 ? 2 : 0)} MB.`, { hint: 'Use the CLI or a file path for inputs this large.' }));
    });
    req.on('error', reject);
  });
}
