import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Addresses looked up in one summary, busiest first; lookups at once; seconds each may take. */
const PTR_LIMIT = 100;
const PARALLEL = 8;
const TIMEOUT_MS = 2000;

/**
 * PTR names of source addresses, asked only when the person chose to (it uses the network:
 * Mailbench is offline otherwise). A name that does not resolve in time is left out, never
 * waited on; `servers` points the lookups at a given DNS server (tests, --dns).
 */
export async function lookUpPtrs(ips: readonly string[], servers?: readonly string[]): Promise<Map<string, string>> {
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 1 });
  if (servers?.length) resolver.setServers([...servers]);
  const names = new Map<string, string>();
  const queue = [...new Set(ips.filter((ip) => isIP(ip) !== 0))].slice(0, PTR_LIMIT);
  const worker = async () => {
    for (let ip = queue.shift(); ip !== undefined; ip = queue.shift()) {
      try {
        const [name] = await resolver.reverse(ip);
        if (name) names.set(ip, name.replace(/\.$/, '').toLowerCase());
      } catch {
        // No PTR, a timeout or no network: the address keeps no name.
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return names;
}
