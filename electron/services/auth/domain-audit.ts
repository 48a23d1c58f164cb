import type { AuditReport, Blocklist } from '../../../shared/contract/auth';
import type { CheckDns } from '../dns/source';
import { auditBlocklists, KNOWN_BLOCKLISTS } from './audit/blocklists';
import { auditDkim } from './audit/dkim';
import { auditDmarc } from './audit/dmarc';
import { auditExistence } from './audit/existence';
import { auditMx, auditPtr, auditStartTls } from './audit/mail-servers';
import { auditNameServers } from './audit/name-servers';
import { auditBimi, auditMtaSts, auditTlsRpt } from './audit/policies';
import { AuditRun, type NetworkOptions } from './audit/run';
import { auditSpf } from './audit/spf';

export interface AuditQuery {
  domain: string;
  selectors: string[];
  ips: string[];
  mtaStsPolicy?: string;
  blocklists?: Blocklist[];
}

const DEFAULT_NETWORK: NetworkOptions = { timeoutMs: 3000, smtpPort: 25 };

/**
 * Everything a deliverability consultant looks up for a domain, in one pass: each section
 * with its records and DNS trail, and findings (severity, why, fix) like the lint engine's.
 */
export async function auditDomain(dns: CheckDns, query: AuditQuery, network: Partial<NetworkOptions> = {}): Promise<AuditReport> {
  const domain = query.domain.toLowerCase().replace(/\.$/, '');
  const run = new AuditRun(domain, dns, { ...DEFAULT_NETWORK, ...network });
  let spfTree: AuditReport['spfTree'];
  let dmarc: { policy: NonNullable<Awaited<ReturnType<typeof auditDmarc>>['policy']>; recordDomain: string } | undefined;
  let mxHosts: string[] = [];
  await run.section('domain', 'Domain', () => auditExistence(run));
  await run.section('dns', 'Name servers, SOA and DNSSEC', () => auditNameServers(run));
  await run.section('spf', 'SPF', async () => {
    const result = await auditSpf(run);
    spfTree = result.tree;
    return result.outcome;
  });
  await run.section('dmarc', 'DMARC', async () => {
    const result = await auditDmarc(run);
    if (result.policy && result.recordDomain) dmarc = { policy: result.policy, recordDomain: result.recordDomain };
    return result.outcome;
  });
  await run.section('dkim', 'DKIM', async () => (await auditDkim(run, query.selectors)).outcome);
  await run.section('mx', 'MX', async () => {
    const result = await auditMx(run);
    mxHosts = result.hosts;
    return result.outcome;
  });
  await run.section('ptr', 'PTR and forward-confirmed reverse DNS', () => auditPtr(run, query.ips));
  await run.section('mta-sts', 'MTA-STS', () => auditMtaSts(run, mxHosts, query.mtaStsPolicy));
  await run.section('tls-rpt', 'TLS-RPT', () => auditTlsRpt(run));
  await run.section('bimi', 'BIMI', () => auditBimi(run, dmarc));
  await run.section('starttls', 'MX STARTTLS and certificates', () => auditStartTls(run, mxHosts));
  await run.section('reputation', 'IP and domain reputation (DNS blocklists)', () => auditBlocklists(run, query.ips, query.blocklists ?? KNOWN_BLOCKLISTS));
  return { domain, sections: run.sections, findings: run.findings, ...(spfTree ? { spfTree } : {}) };
}
