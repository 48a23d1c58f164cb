import type { Transport } from '../../../shared/contract/client';

const TOKEN_KEY = 'mailbench.token';

/**
 * The token arrives once in the URL `mailbench web` printed (or its open file). It moves to
 * sessionStorage, which only this origin, port included, can read (a cookie would go to every
 * port on 127.0.0.1), and the URL is replaced so `?token=` stays out of history.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl === null) return sessionStorage.getItem(TOKEN_KEY) ?? '';
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return fromUrl;
}

/** Reads a Server-Sent Events body and hands each `data:` payload on. */
async function readEvents(body: ReadableStream<Uint8Array>, deliver: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    pending += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) deliver(data.join('\n'));
    }
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Browser mode: contract calls are POSTs to the loopback host that served this page and
 * events a Server-Sent Events stream, both carrying the token in the Authorization header.
 * EventSource cannot set headers, so the stream is read with fetch.
 */
export function webTransport(): Transport {
  const token = takeToken();
  const authorization = `Bearer ${token}`;
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let connected = false;

  const deliver = (data: string) => {
    const { name, payload } = JSON.parse(data) as { name: string; payload: unknown };
    for (const listener of listeners) listener(name, payload);
  };

  // Reconnects as EventSource would, backing off up to 30 s; a refused token will not get better.
  const connect = async () => {
    for (let failures = 0; ; failures++) {
      try {
        const response = await fetch('/events', { headers: { Authorization: authorization }, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          failures = 0;
          await readEvents(response.body, deliver);
        }
      } catch {
        // The host went away or the stream broke: try again below.
      }
      await wait(Math.min(30_000, 1000 * 2 ** failures));
    }
  };

  return {
    async invoke(name, input) {
      try {
        const response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorization },
          body: JSON.stringify(input ?? {}),
        });
        return await response.json();
      } catch (error) {
        return { ok: false, error: { code: 'network', message: `Mailbench's local host did not answer (${String(error)}).`, hint: 'Is `mailbench web` still running?' } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!connected) {
        connected = true;
        void connect();
      }
      return () => listeners.delete(listener);
    },
  };
}
