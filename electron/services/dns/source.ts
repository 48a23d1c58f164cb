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
  // one resolver underneath; the trail wraps it for the recorded side only
  const recorded = (resolver: DnsResolver, label: DnsLookup['source']) => remembering(trail.wrap(resolver, label), resolver);
  const network = (server?: string) => networkResolver(server, options.timeoutMs);
  const networked = source.mode !== 'zone';
  switch (source.mode) {
    case 'system':
      return { ...recorded(network(), 'system'), trail, networked };
    case 'server':
      return { ...recorded(network(source.server), 'server'), trail, networked };
    case 'zone':
      return { ...recorded(readZone(source, options.zoneFile).answers, 'zone'), trail, networked };
    case 'layered': {
      const { zone, answers } = readZone(source, options.zoneFile);
      const below = network(source.server);
      const label = source.server ? 'server' : 'system';
      return { ...remembering(layeredResolver(zone, trail.wrap(answers, 'zone'), trail.wrap(below, label)), layeredResolver(zone, answers, below)), trail, networked };
    }
  }
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
  // by type, then by name: no key string is built (and hashed) for every lookup
  const asked = new Map<string, Map<string, Promise<DnsAnswer>>>();
  // names arrive as mailauth and the walkers write them; case is the only variation worth folding
  return {
    resolve: (name, type) => {
      const answer = recorded(name, type);
      let names = asked.get(type);
      if (!names) asked.set(type, (names = new Map()));
      names.set(name.toLowerCase(), answer);
      return answer;
    },
    quiet: (name, type) => asked.get(type)?.get(name.toLowerCase()) ?? unrecorded(name, type),
  };
}

interface ParsedZone {
  zone: Zone;
  answers: DnsResolver;
}

/**
 * Recently parsed zones, by zone text and then by origin and file name: the UI and history
 * re-runs check again and again against the same zone, and the text itself is the cheap key
 * (a joined key would copy the whole zone on every check).
 */
const parsedZones = new Map<string, Map<string, ParsedZone>>();
const PARSED_ZONES_KEPT = 8;

function readZone(source: { zone: string; origin?: string }, file = 'zone'): ParsedZone {
  const variant = `${file}\u0000${source.origin ?? ''}`;
  const cached = parsedZones.get(source.zone)?.get(variant);
  if (cached) return cached;
  const zone = parseZoneFile(source.zone, { ...(source.origin ? { origin: source.origin } : {}), file });
  const parsed = { zone, answers: zoneResolver(zone) };
  if (!parsedZones.has(source.zone) && parsedZones.size >= PARSED_ZONES_KEPT) parsedZones.delete(parsedZones.keys().next().value!);
  parsedZones.set(source.zone, (parsedZones.get(source.zone) ?? new Map()).set(variant, parsed));
  return parsed;
}
