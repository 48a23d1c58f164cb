import { isIPv6 } from 'node:net';
import { AppError } from '../../../shared/contract/errors';
import { parseWireServer, systemServers, wireQuery, WireFailure } from './wire-client';
import type { Zone, ZoneRecord, ZoneRecordType } from './zone';

export interface MxAnswer {
  exchange: string;
  priority: number;
}
/** The shapes `dns.promises` returns, which is what mailauth's `resolver` option expects. */
export type DnsAnswer = string[] | string[][] | MxAnswer[];
/** mailauth's resolver signature: answers, or a thrown error with a dns error `code`. */
export type DnsResolver = (name: string, type: string) => Promise<DnsAnswer>;

/**
 * How a lookup can fail, in `dns.promises` codes: no such name, no data of that type, no
 * answer in time, a refusal, or anything else the server said (all but the first two, and a
 * name that cannot exist, are temperror).
 */
export type DnsFailureCode = 'ENOTFOUND' | 'ENODATA' | 'ETIMEOUT' | 'ESERVFAIL' | 'EREFUSED' | 'ECONNREFUSED' | 'EBADNAME' | 'ENOTIMP';

export class DnsLookupError extends Error {
  constructor(
    readonly code: DnsFailureCode,
    readonly hostname: string,
    readonly rrtype: string,
    /** What the server actually said, or why there was no answer. */
    readonly detail?: string,
  ) {
    super(`${rrtype} ${hostname}: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'DnsLookupError';
  }
}

const SERVER_TIMEOUT_MS = 2000;

const shape = (type: string, records: ZoneRecord[]): DnsAnswer => {
  switch (type) {
    case 'TXT':
      return records.flatMap((record) => (record.type === 'TXT' ? [record.strings] : []));
    case 'MX':
      return records.flatMap((record) => (record.type === 'MX' ? [{ exchange: record.exchange, priority: record.priority }] : []));
    case 'SOA':
      return records.flatMap((record) => (record.type === 'SOA' ? [`${record.mname} ${record.rname} ${record.serial}`] : []));
    default:
      return records.flatMap((record) => ('value' in record ? [record.value] : []));
  }
};

/** The detail of a refusal for a name outside an offline zone's origins. */
export const NOT_IN_ZONE = 'not in this zone: not checked';

/**
 * Answers from an offline zone only: names under its origins that it does not hold do not
 * exist; names outside them are refused, as an authoritative server refuses them.
 */
export function zoneResolver(zone: Zone): DnsResolver {
  return async (name, type) => {
    const rrtype = type.toUpperCase();
    const found = zone.lookup(name, rrtype as ZoneRecordType);
    switch (found.kind) {
      case 'answer':
        return shape(rrtype, found.records);
      case 'nxdomain':
        throw new DnsLookupError('ENOTFOUND', name, rrtype);
      case 'nodata':
        throw new DnsLookupError('ENODATA', name, rrtype);
      case 'timeout':
        throw new DnsLookupError('ETIMEOUT', name, rrtype, 'the zone marks this name as not answering');
      case 'outside':
        // what NSD answers for a name outside its zones: not "no record", just not known here
        throw new DnsLookupError('EREFUSED', name, rrtype, NOT_IN_ZONE);
    }
  };
}

/** Parses `ip`, `ip:port` or `[ipv6]:port` into the form `Resolver#setServers` takes. */
export function parseServerAddress(text: string): string {
  const value = text.trim();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(value);
  const plain = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(value);
  const [, host, port] = bracketed ?? plain ?? (isIPv6(value) ? [value, value, undefined] : []);
  if (!host || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    throw new AppError('invalid_input', `"${text}" is not a DNS server address.`, { hint: 'Give an IP address with an optional port: 127.0.0.1:5353 or [::1]:5353.' });
  }
  if (!port) return host;
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Real DNS through a given server (an authoritative one on loopback, say) or the system's
 * (/etc/resolv.conf), asked on the wire: exactly the name given, with any octets RFC 7208
 * macros produce (Node's resolver refuses `:`, `/` and spaces). One try per server with a
 * short timeout: a check must say "temperror" rather than hang. REFUSED and SERVFAIL are
 * temperror, never "no record": a server that will not answer has not said the name is empty.
 */
export function networkResolver(server?: string, timeoutMs = SERVER_TIMEOUT_MS): DnsResolver {
  const servers = server ? [parseWireServer(parseServerAddress(server))] : undefined;
  return async (name, type) => {
    const rrtype = type.toUpperCase();
    try {
      return await wireQuery(servers ?? systemServers(), name, rrtype, timeoutMs);
    } catch (error) {
      if (error instanceof WireFailure) throw new DnsLookupError(error.code, name, rrtype, error.detail);
      throw new DnsLookupError('ESERVFAIL', name, rrtype, error instanceof Error ? error.message : String(error));
    }
  };
}

/** Typed records first; a name the zone does not hold goes to real DNS (what publishing would change). */
export function layeredResolver(zone: Zone, zoneAnswers: DnsResolver, below: DnsResolver): DnsResolver {
  return (name, type) => (zone.has(name) ? zoneAnswers(name, type) : below(name, type));
}
