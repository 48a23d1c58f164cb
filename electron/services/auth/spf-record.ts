import { isIPv4, isIPv6 } from 'node:net';

export type SpfQualifier = '+' | '-' | '~' | '?';
export const spfMechanisms = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanismName = (typeof spfMechanisms)[number];

export type SpfTerm =
  | { kind: 'mechanism'; qualifier: SpfQualifier; name: SpfMechanismName; value?: string; text: string }
  | { kind: 'modifier'; name: string; value: string; text: string };

export interface ParsedSpf {
  terms: SpfTerm[];
  /** Syntax problems, each a sentence: any of them makes the record a permerror. */
  problems: string[];
}

/** Terms that cost one DNS lookup each against the limit of 10 (RFC 7208 section 4.6.4). */
export const LOOKUP_TERMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

export const isSpfRecord = (text: string): boolean => /^v=spf1(\s|$)/i.test(text);

/** Records seen recently: a domain's record is read again for every message it sends. */
const parsedRecords = new Map<string, ParsedSpf>();
const PARSED_RECORDS_KEPT = 256;

/** Reads an SPF record into its terms and says what is wrong with its syntax (RFC 7208 section 12). */
export function parseSpfRecord(record: string): ParsedSpf {
  const cached = parsedRecords.get(record);
  if (cached) return cached;
  const parsed = readSpfRecord(record);
  if (parsedRecords.size >= PARSED_RECORDS_KEPT) parsedRecords.delete(parsedRecords.keys().next().value!);
  parsedRecords.set(record, parsed);
  return parsed;
}

function readSpfRecord(record: string): ParsedSpf {
  const problems: string[] = [];
  if (!isSpfRecord(record)) return { terms: [], problems: ['The record does not start with "v=spf1".'] };
  if (/[^\x20-\x7e]/.test(record)) problems.push('The record has characters outside printable ASCII.');
  const terms: SpfTerm[] = [];
  const seenModifiers = new Set<string>();
  for (const text of record.split(' ').slice(1).filter(Boolean)) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(text);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) problems.push(`"${name}=" appears more than once.`);
      if ((name === 'redirect' || name === 'exp') && !modifier[2]) problems.push(`"${name}=" has no domain.`);
      seenModifiers.add(name);
      terms.push({ kind: 'modifier', name, value: modifier[2]!, text });
      continue;
    }
    const mechanism = /^([+\-~?]?)([a-z0-9]+)(?::(.*?))?(\/.*)?$/i.exec(text);
    const name = mechanism?.[2]?.toLowerCase();
    if (!mechanism || !(spfMechanisms as readonly string[]).includes(name!)) {
      problems.push(`"${text}" is not an SPF mechanism or modifier.`);
      continue;
    }
    const qualifier = (mechanism[1] || '+') as SpfQualifier;
    const value = mechanism[3];
    const cidr = mechanism[4];
    const problem = checkMechanism(name as SpfMechanismName, value, cidr);
    if (problem) problems.push(`"${text}": ${problem}`);
    terms.push({ kind: 'mechanism', qualifier, name: name as SpfMechanismName, ...(value !== undefined ? { value: value + (cidr ?? '') } : cidr ? { value: cidr } : {}), text });
  }
  return { terms, problems };
}

function checkMechanism(name: SpfMechanismName, value: string | undefined, cidr: string | undefined): string | undefined {
  switch (name) {
    case 'all':
      return value !== undefined || cidr ? 'all takes no value.' : undefined;
    case 'include':
    case 'exists':
      return !value ? `${name} needs a domain.` : undefined;
    case 'ip4': {
      const [address, prefix] = (value ?? '').concat(cidr ?? '').split('/');
      if (!isIPv4(address ?? '')) return `"${address}" is not an IPv4 address.`;
      return prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 32) ? 'the prefix length must be 0-32.' : undefined;
    }
    case 'ip6': {
      const joined = (value ?? '') + (cidr ?? '');
      const slash = joined.lastIndexOf('/');
      const address = slash >= 0 ? joined.slice(0, slash) : joined;
      const prefix = slash >= 0 ? joined.slice(slash + 1) : undefined;
      if (!isIPv6(address)) return `"${address}" is not an IPv6 address.`;
      return prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 128) ? 'the prefix length must be 0-128.' : undefined;
    }
    default:
      return cidr && !/^\/\d{1,2}(\/\/\d{1,3})?$|^\/\/\d{1,3}$/.test(cidr) ? `"${cidr}" is not a valid prefix length.` : undefined;
  }
}
