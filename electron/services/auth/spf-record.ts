import { isIPv4, isIPv6 } from 'node:net';

export type SpfQualifier = '+' | '-' | '~' | '?';
export const spfMechanisms = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanismName = (typeof spfMechanisms)[number];

export type SpfTerm =
  | {
      kind: 'mechanism';
      qualifier: SpfQualifier;
      name: SpfMechanismName;
      /** Everything after the name's `:` or `/`, as written. */
      value?: string;
      /** The domain-spec alone, without the trailing prefix lengths (it may itself hold `/` or `:`). */
      domain?: string;
      text: string;
    }
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
    const mechanism = /^([+\-~?]?)([a-z0-9]+)([:/].*)?$/i.exec(text);
    const name = mechanism?.[2]?.toLowerCase();
    if (!mechanism || !(spfMechanisms as readonly string[]).includes(name!)) {
      problems.push(`"${text}" is not an SPF mechanism or modifier.`);
      continue;
    }
    const qualifier = (mechanism[1] || '+') as SpfQualifier;
    const rest = mechanism[3];
    // RFC 7208 section 5: the dual-cidr-length sits only at the very end; a domain-spec may hold `/` and `:` itself
    const takesCidr = name === 'a' || name === 'mx' || name === 'ptr';
    const cidr = rest === undefined || !takesCidr ? undefined : /(?:\/\d+)?(?:\/\/\d+)?$/.exec(rest)![0] || undefined;
    const domain = rest?.startsWith(':') && name !== 'ip4' && name !== 'ip6' ? rest.slice(1, rest.length - (cidr?.length ?? 0)) : undefined;
    const problem = checkMechanism(name as SpfMechanismName, rest, domain, cidr);
    if (problem) problems.push(`"${text}": ${problem}`);
    const value = rest?.startsWith(':') ? rest.slice(1) : rest;
    terms.push({ kind: 'mechanism', qualifier, name: name as SpfMechanismName, ...(value !== undefined ? { value } : {}), ...(domain !== undefined ? { domain } : {}), text });
  }
  return { terms, problems };
}

function checkMechanism(name: SpfMechanismName, rest: string | undefined, domain: string | undefined, cidr: string | undefined): string | undefined {
  const afterName = rest === undefined ? '' : rest.startsWith(':') ? rest.slice(1) : rest;
  switch (name) {
    case 'all':
      return rest !== undefined ? 'all takes no value.' : undefined;
    case 'include':
    case 'exists':
      return !afterName || !rest?.startsWith(':') ? `${name} needs a domain.` : undefined;
    case 'ip4': {
      const [address, prefix, extra] = afterName.split('/');
      if (!isIPv4(address ?? '')) return `"${address}" is not an IPv4 address.`;
      return extra !== undefined || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 32)) ? 'the prefix length must be 0-32.' : undefined;
    }
    case 'ip6': {
      const slash = afterName.lastIndexOf('/');
      const address = slash >= 0 ? afterName.slice(0, slash) : afterName;
      const prefix = slash >= 0 ? afterName.slice(slash + 1) : undefined;
      if (!isIPv6(address)) return `"${address}" is not an IPv6 address.`;
      return prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= 128) ? 'the prefix length must be 0-128.' : undefined;
    }
    case 'ptr':
      return cidr ? 'ptr takes no prefix length.' : undefined;
    default: {
      // a and mx: an optional :domain-spec, then an optional ip4 /N (0-32) and ip6 //N (0-128)
      if (rest !== undefined && !rest.startsWith(':') && !cidr) return `"${rest}" is not a valid prefix length.`;
      if (rest?.startsWith(':') && !domain) return `${name}: needs a domain after the colon.`;
      const [, v4, v6] = /^(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(cidr ?? '') ?? [];
      if (v4 !== undefined && Number(v4) > 32) return `/${v4} is not an IPv4 prefix length (0-32).`;
      if (v6 !== undefined && Number(v6) > 128) return `//${v6} is not an IPv6 prefix length (0-128).`;
      return undefined;
    }
  }
}
