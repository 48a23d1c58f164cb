/** The record types Mailbench's offline zones hold: what SPF, DKIM, DMARC, BIMI, MTA-STS and PTR checks ask for. */
export const zoneRecordTypes = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SOA'] as const;
export type ZoneRecordType = (typeof zoneRecordTypes)[number];

interface RecordBase {
  /** Absolute, lower-case, without the trailing dot. */
  name: string;
  ttl: number;
  /** 1-based line of the zone file the record came from, when it came from one. */
  line?: number;
}
export type ZoneRecord = RecordBase &
  (
    | { type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR'; value: string }
    | { type: 'MX'; priority: number; exchange: string }
    | { type: 'TXT'; strings: string[] }
    | { type: 'SOA'; mname: string; rname: string; serial: number }
  );

export type ZoneLookup =
  | { kind: 'answer'; records: ZoneRecord[]; via: string[] }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'timeout' }
  /** The name is not under any origin the zone declares: an authoritative server would refuse it. */
  | { kind: 'outside' };

/** CNAME chains longer than this are treated as a loop, as resolvers do. */
const MAX_CNAME_HOPS = 8;

export const normalizeName = (name: string): string => name.trim().toLowerCase().replace(/\.+$/, '');

/**
 * An in-memory authoritative zone: the records a user typed or loaded, answered the way a
 * real authoritative server would (NXDOMAIN, NODATA, CNAME chasing). A name can also be
 * marked unresponsive, so a check can be tried against a server that times out.
 */
export class Zone {
  private readonly byName = new Map<string, ZoneRecord[]>();
  private readonly unresponsive = new Set<string>();
  /** Names with no records of their own but names below them: they exist (NODATA, not NXDOMAIN). */
  private readonly ancestors = new Set<string>();

  /** Origins the zone declared ($ORIGIN, SOA owners): with any, names outside them are not its to answer. */
  private readonly apexes = new Set<string>();

  constructor(readonly origin?: string) {
    if (origin) this.apexes.add(normalizeName(origin));
  }

  /** Declares a name the zone is authoritative for (an $ORIGIN or the owner of an SOA). */
  addApex(name: string): void {
    const apex = normalizeName(name);
    if (apex) this.apexes.add(apex);
  }

  /**
   * Whether a name is this zone's to answer: at or under an origin it declared, or a name it
   * holds records for (an absolute name typed in). A zone that declares no origin (built in
   * code, or a file of absolute names) answers for every name.
   */
  covers(name: string): boolean {
    const key = normalizeName(name);
    if (this.apexes.size === 0 || this.byName.has(key)) return true;
    for (let at = key; ; at = at.slice(at.indexOf('.') + 1)) {
      if (this.apexes.has(at)) return true;
      if (!at.includes('.')) return false;
    }
  }

  add(record: ZoneRecord): void {
    const name = normalizeName(record.name);
    const list = this.byName.get(name) ?? [];
    list.push({ ...record, name });
    this.byName.set(name, list);
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) this.ancestors.add(name.slice(dot + 1));
  }

  /** The records at a name, or those of the wildcard that covers it (RFC 4592: `*.example.com`). */
  private recordsAt(name: string): ZoneRecord[] | undefined {
    const own = this.byName.get(name);
    if (own || this.ancestors.has(name)) return own;
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
      const parent = name.slice(dot + 1);
      const wildcard = this.byName.get(`*.${parent}`);
      if (wildcard) return wildcard;
      // a closer name that exists stops the search: the wildcard does not reach past it
      if (this.byName.has(parent) || this.ancestors.has(parent)) return undefined;
    }
    return undefined;
  }

  /** Queries for a type this name has no data for time out instead of answering NODATA. */
  markUnresponsive(name: string): void {
    const key = normalizeName(name);
    this.unresponsive.add(key);
    if (!this.byName.has(key)) this.byName.set(key, []);
  }

  /** Whether the zone holds records at exactly this name (what a layered check takes from the zone). */
  has(name: string): boolean {
    return this.byName.has(normalizeName(name));
  }

  get records(): ZoneRecord[] {
    return [...this.byName.values()].flat();
  }

  get size(): number {
    return this.records.length;
  }

  lookup(name: string, type: ZoneRecordType): ZoneLookup {
    const via: string[] = [];
    let current = normalizeName(name);
    // the RFC 9989 tree walk asks _dmarc of every parent of the From domain: above the zone's
    // origins those read as "no record", or no offline DMARC check could finish
    if (!this.covers(current) && !current.startsWith('_dmarc.')) return { kind: 'outside' };
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const records = this.recordsAt(current);
      if (!records) return this.ancestors.has(current) ? { kind: 'nodata' } : { kind: 'nxdomain' };
      const matching = records.filter((record) => record.type === type);
      if (matching.length > 0) return { kind: 'answer', records: matching, via };
      if (this.unresponsive.has(current)) return { kind: 'timeout' };
      const alias = records.find((record) => record.type === 'CNAME');
      if (!alias || alias.type !== 'CNAME') return { kind: 'nodata' };
      via.push(current);
      current = normalizeName(alias.value);
    }
    return { kind: 'nodata' };
  }
}
