/** mailauth's own DMARC policy discovery (RFC 9989 tree walk); the package ships no types for it. */
declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  export interface DmarcRecordTags {
    rr: string;
    p?: string;
    sp?: string;
    np?: string;
    psd?: string;
    t?: string;
    [tag: string]: unknown;
  }
  export type RecordLookup = (name: string) => Promise<DmarcRecordTags | false>;
  export function createRecordLookup(resolver: (name: string, type: string) => Promise<unknown>, opts?: { strict?: boolean }): RecordLookup;
  export function discoverPolicy(
    domain: string,
    lookup: RecordLookup,
  ): Promise<{ record: DmarcRecordTags | false; recordDomain: string | null; orgDomain: string | null; orgRecord: DmarcRecordTags | false | null; error?: unknown }>;
  export function getOrgDomain(domain: string, lookup: RecordLookup): Promise<string>;
}
