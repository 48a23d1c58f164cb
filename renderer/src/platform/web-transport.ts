import type { Transport } from '../../../shared/contract/client';

/**
 * Browser mode: contract calls are POSTs to the loopback host that served this page,
 * events come as Server-Sent Events. The token arrives once in the URL; it is then
 * kept in memory (and in the host's HttpOnly cookie) and removed from the address bar.
 */
export function webTransport(): Transport {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? sessionStorage.getItem('mailbench.token') ?? '';
  if (url.searchParams.has('token')) {
    sessionStorage.setItem('mailbench.token', token);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | undefined;

  const connect = () => {
    source = new EventSource('/events');
    source.onmessage = (message) => {
      const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
      for (const listener of listeners) listener(name, payload);
    };
  };

  return {
    async invoke(name, input) {
      try {
        const response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return await response.json();
      } catch (error) {
        return { ok: false, error: { code: 'network', message: `Mailbench's local host did not answer (${String(error)}).`, hint: 'Is `mailbench web` still running?' } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => listeners.delete(listener);
    },
  };
}
