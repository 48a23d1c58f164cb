import { BlockList, isIP } from 'node:net';
import table from './data/senders.json';

interface Service {
  name: string;
  ranges: BlockList;
  ptr: readonly string[];
}

let services: Service[] | undefined;

/** The shipped table (data/senders.json), compiled once into one address list per service. */
function compiled(): Service[] {
  services ??= table.services.map((entry) => {
    const ranges = new BlockList();
    for (const cidr of entry.ranges) {
      const [net, bits] = cidr.split('/');
      ranges.addSubnet(net!, Number(bits), net!.includes(':') ? 'ipv6' : 'ipv4');
    }
    return { name: entry.name, ranges, ptr: entry.ptr.map((p) => p.toLowerCase()) };
  });
  return services;
}

/**
 * The well-known sending service an address belongs to, by its published ranges or, when a
 * PTR name is known, by the service's PTR suffixes; null when neither matches.
 */
export function serviceOf(ip: string, ptr?: string | null): string | null {
  const family = isIP(ip);
  if (family !== 0) {
    for (const service of compiled()) if (service.ranges.check(ip, family === 6 ? 'ipv6' : 'ipv4')) return service.name;
  }
  const name = ptr?.toLowerCase().replace(/\.$/, '');
  if (name) for (const service of compiled()) if (service.ptr.some((suffix) => name.endsWith(suffix))) return service.name;
  return null;
}
