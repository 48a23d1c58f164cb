import type { z } from 'zod';
import type { AuditReport, BulkSenderReport, DnsSource, MessageReport, SpfReport, SpfInput } from '../../../shared/contract/auth';
import { type DnsOptions, openDns } from '../dns/source';
import { bulkSenderVerdicts } from './bulk-sender';
import { type AuditQuery, auditDomain } from './domain-audit';
import { checkSpf } from './spf-check';
import { type MessageQuery, verifyMessage } from './verify-message';

/**
 * The four checks as the UI and the CLI start them: from a DNS source and plain input to a
 * report. Nothing here touches the database; handlers add history.
 */
export async function runMessageCheck(source: DnsSource, query: MessageQuery, options?: DnsOptions): Promise<MessageReport> {
  return verifyMessage(openDns(source, options), query);
}

export async function runSpfCheck(input: z.output<typeof SpfInput>, options?: DnsOptions): Promise<SpfReport> {
  return checkSpf(openDns(input.dns, options), { ip: input.ip, helo: input.helo, mailFrom: input.mailFrom, strict: input.strict });
}

export async function runDomainAudit(source: DnsSource, query: AuditQuery, options?: DnsOptions): Promise<AuditReport> {
  return auditDomain(openDns(source, options), query);
}

export async function runBulkSenderCheck(source: DnsSource, query: MessageQuery, domain?: string, options?: DnsOptions): Promise<BulkSenderReport> {
  const dns = openDns(source, options);
  const report = await verifyMessage(dns, query);
  return bulkSenderVerdicts(dns, query.message, report, domain);
}
