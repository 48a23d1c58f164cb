import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Zone, type ZoneRecord } from '../../../electron/services/dns/zone';

/** A TXT string in master-file syntax: quotes, backslashes and bytes outside printable ASCII escaped as \\DDD. */
const quote = (text: string) =>
  `"${[...text].map((ch) => (ch === '"' || ch === '\\' ? `\\${ch}` : ch < ' ' || ch > '~' ? `\\${String(ch.charCodeAt(0)).padStart(3, '0')}` : ch)).join('')}"`;

/** A domain name in master-file syntax: blanks and the characters the syntax uses escaped as \\DDD. */
const name = (text: string) => `${[...text.replace(/\.$/, '')].map((ch) => (/[\s;()"\\@$]/.test(ch) || ch < ' ' || ch > '~' ? `\\${String(ch.charCodeAt(0)).padStart(3, '0')}` : ch)).join('')}.`;

/**
 * Writes a zone back out as an RFC 1035 master file (absolute names), for the parser (or NSD)
 * to read again; names that time out become `; mailbench-timeout:` comments, which NSD ignores.
 */
export function toZoneText(zone: Zone, unresponsive: readonly string[] = []): string {
  const timeouts = unresponsive.map((owner) => `; mailbench-timeout: ${name(owner)}\n`).join('');
  return timeouts + zone.records
    .map((record) => {
      const data =
        record.type === 'TXT' ? (record.strings.length ? record.strings.map(quote).join(' ') : '""')
        : record.type === 'MX' ? `${record.priority} ${name(record.exchange)}`
        : record.type === 'SOA' ? `${name(record.mname)} ${name(record.rname)} ${record.serial} 3600 900 604800 300`
        : record.type === 'A' || record.type === 'AAAA' ? record.value
        : name(record.value);
      return `${name(record.name)} ${record.ttl} IN ${record.type} ${data}`;
    })
    .join('\n');
}

export interface SuiteCase {
  scenario: string;
  name: string;
  helo: string;
  host: string;
  mailfrom: string;
  results: string[];
  zone: Zone;
  /** Names whose every query without data times out (a `; mailbench-timeout:` comment in a zone file). */
  unresponsive: string[];
}

type RecordData = string | number | Array<string | number>;
type ZoneEntry = 'TIMEOUT' | Record<string, RecordData>;

/**
 * The RFC 7208 suite's zone data as a Mailbench Zone, read the way the suite's own driver
 * (pyspf's testspf.py) reads it: SPF-type data doubles as TXT unless the name has TXT data,
 * `NONE` means no data, and `TIMEOUT` makes every type without data at that name time out.
 */
export function zoneFrom(data: Record<string, ZoneEntry[]> | undefined): Zone {
  const zone = new Zone();
  for (const [name, entries] of Object.entries(data ?? {})) {
    const hasTxt = entries.some((entry) => typeof entry === 'object' && 'TXT' in entry);
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        zone.markUnresponsive(name);
        continue;
      }
      for (const [rawType, value] of Object.entries(entry)) {
        if (value === 'NONE' || (rawType === 'SPF' && hasTxt)) continue;
        const type = rawType === 'SPF' ? 'TXT' : rawType;
        zone.add(recordOf(name, type, value));
      }
    }
  }
  return zone;
}

function recordOf(name: string, type: string, value: RecordData): ZoneRecord {
  const base = { name, ttl: 3600 };
  switch (type) {
    case 'TXT':
      return { ...base, type, strings: Array.isArray(value) ? value.map(String) : [String(value)] };
    case 'MX': {
      const [priority, exchange] = value as [number, string];
      return { ...base, type, priority, exchange };
    }
    case 'A':
    case 'AAAA':
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return { ...base, type, value: String(value) };
    default:
      throw new Error(`The suite uses record type ${type}, which this reader does not know.`);
  }
}

export function loadSuite(): SuiteCase[] {
  const file = fileURLToPath(new URL('../../fixtures/spf/rfc7208-tests.yml', import.meta.url));
  const documents = parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as {
    description: string;
    tests: Record<string, { helo: string; host: string; mailfrom: string; result: string | string[] }>;
    zonedata?: Record<string, ZoneEntry[]>;
  });
  return documents.flatMap((document) => {
    const zone = zoneFrom(document.zonedata);
    const unresponsive = Object.entries(document.zonedata ?? {}).filter(([, entries]) => entries.includes('TIMEOUT')).map(([name]) => name);
    return Object.entries(document.tests).map(([name, test]) => ({
      scenario: document.description,
      name,
      helo: test.helo,
      host: test.host,
      mailfrom: test.mailfrom,
      results: ([] as string[]).concat(test.result),
      zone,
      unresponsive,
    }));
  });
}
