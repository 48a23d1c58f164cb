import type { DnsLookup, DnsSource } from '../../../shared/contract/auth';
import { type DnsAnswer, layeredResolver, networkResolver, type DnsResolver, zoneResolver } from './resolver';
import { DnsTrail } from './trail';
import type { Zone } from './zone';
import { parseZoneFile } from './zone-file';

/** A resolver for one check run, and the trail of what it asked. */
export interface CheckDns {
  /** Recorded: every question lands in `trail`. */
  resolve: DnsResolver;
  /** The same answers, unrecorded: for side walks (an include tree) that should not clutter a verdict's trail. */
  quiet: DnsResolver;
  trail: DnsTrail;
  /** Whether answers can come from the network (so a silent result may mean "unreachable"). */
  networked: boolean;
}

export interface DnsOptions {
  /** Per-query timeout for network DNS. */
  timeoutMs?: number;
  /** The zone's file name, for errors that point at a line. */
  zoneFile?: string;
}

/** Builds the resolver a check asked for: system DNS, a given server, a typed zone, or a zone over real DNS. */
export function openDns(source: DnsSource, options: DnsOptions = {}): CheckDns {
  const trail = new DnsTrail();
  const zone = source.mode === 'zone' || source.mode === 'layered' ? readZone(source, options.zoneFile) : undefined;
  const build = (wrap: (resolver: DnsResolver, label: DnsLookup['source']) => DnsResolver): DnsResolver => {
    const network = (server?: string) => wrap(networkResolver(server, options.timeoutMs), server ? 'server' : 'system');
    switch (source.mode) {
      case 'system':
        return network();
      case 'server':
        return network(source.server);
      case 'zone':
        return wrap(zoneResolver(zone!), 'zone');
      case 'layered':
        return layeredResolver(zone!, wrap(zoneResolver(zone!), 'zone'), network(source.server));
    }
  };
  return { ...remembering(build((resolver, label) => trail.wrap(resolver, label)), build((resolver) => resolver)), trail, networked: source.mode !== 'zone' };
}

/** A check against a zone built in code (the RFC 7208 suite's zone data, a generated key's record). */
export function zoneDns(zone: Zone): CheckDns {
  const trail = new DnsTrail();
  const answers = zoneResolver(zone);
  return { ...remembering(trail.wrap(answers, 'zone'), answers), trail, networked: false };
}

/**
 * The quiet resolver answers what the recorded one already asked from memory: a side walk
 * (the include tree after mailauth's SPF evaluation) then costs no second query and sees
 * exactly the answers the verdict saw.
 */
function remembering(recorded: DnsResolver, unrecorded: DnsResolver): Pick<CheckDns, 'resolve' | 'quiet'> {
  const asked = new Map<string, Promise<DnsAnswer>>();
  // names arrive as mailauth and the walkers write them; case is the only variation worth folding
  const key = (name: string, type: string) => `${type} ${name.toLowerCase()}`;
  return {
    resolve: (name, type) => {
      const answer = recorded(name, type);
      asked.set(key(name, type), answer);
      return answer;
    },
    quiet: (name, type) => asked.get(key(name, type)) ?? unrecorded(name, type),
  };
}

/** Recently parsed zones by text: the UI and history re-runs check again and again against the same zone. */
const parsedZones = new Map<string, Zone>();
const PARSED_ZONES_KEPT = 8;

function readZone(source: { zone: string; origin?: string }, file = 'zone'): Zone {
  const key = `${file}\u0000${source.origin ?? ''}\u0000${source.zone}`;
  const cached = parsedZones.get(key);
  if (cached) return cached;
  const zone = parseZoneFile(source.zone, { ...(source.origin ? { origin: source.origin } : {}), file });
  if (parsedZones.size >= PARSED_ZONES_KEPT) parsedZones.delete(parsedZones.keys().next().value!);
  parsedZones.set(key, zone);
  return zone;
}
