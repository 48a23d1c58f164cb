import { createRecordLookup, discoverPolicy, getOrgDomain, type RecordLookup } from 'mailauth/lib/dmarc/get-dmarc-record.js';
import type { DnsResolver } from '../dns/resolver';

/**
 * The one organizational-domain rule of Mailbench: the RFC 9989 DNS tree walk, by the very code
 * mailauth's DMARC verdict runs, so the message check, the domain audit, the bulk-sender
 * checklist and DMARC reports agree. (A public-suffix list guess called a record only at
 * `_dmarc.b.example2.co.uk` "missing" for `a.b.example2.co.uk` while the message check used it.)
 */
export interface PolicyDiscovery {
  /** The domain whose `_dmarc` record applies: the author domain, its organizational domain or a PSD. */
  recordDomain?: string;
  /** That record's text. */
  record?: string;
  /** The organizational domain, when the walk reached a verdict. */
  orgDomain?: string;
}

/** One walker per check: names shared by several walks are asked once. */
export class OrgDomains {
  private readonly lookup: RecordLookup;

  constructor(resolve: DnsResolver) {
    this.lookup = createRecordLookup(resolve);
  }

  /** The policy that applies to a domain and where it came from. Throws a DNS error that leaves it unknown. */
  async policyOf(domain: string): Promise<PolicyDiscovery> {
    const found = await discoverPolicy(normalize(domain), this.lookup);
    return {
      ...(found.record ? { record: found.record.rr, recordDomain: found.recordDomain! } : {}),
      ...(found.orgDomain ? { orgDomain: found.orgDomain } : {}),
    };
  }

  /** The organizational domain of a domain (itself when nothing above publishes DMARC). Throws on DNS errors. */
  orgDomainOf(domain: string): Promise<string> {
    return getOrgDomain(normalize(domain), this.lookup);
  }
}

const normalize = (domain: string): string => domain.trim().toLowerCase().replace(/\.$/, '');
