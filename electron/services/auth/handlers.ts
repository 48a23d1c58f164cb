import type { z } from 'zod';
import type { AuditInput, BulkSenderReport, MessageReport } from '../../../shared/contract/auth';
import { methods, type ParsedInputOf } from '../../../shared/contract/index';
import type { Handlers } from '../../rpc/dispatch';
import { parseZoneFile } from '../dns/zone-file';
import type { ZoneRecord } from '../dns/zone';
import type { Runtime } from '../runtime';
import { KNOWN_BLOCKLISTS } from './audit/blocklists';
import { buildDmarc, buildSpf } from './builders';
import { runBulkSenderCheck, runDomainAudit, runMessageCheck, runSpfCheck } from './checks';
import { deleteDkimKey, generateDkimKey, listDkimKeys } from './dkim-keys';
import { dkimRoundTrip } from './dkim-round-trip';
import { CheckHistory } from './history';
import { messageBytes } from './message-bytes';
import { readHeaders } from './message-headers';

type AuthMethod =
  | 'auth.verifyMessage' | 'auth.checkSpf' | 'auth.auditDomain' | 'auth.bulkSender' | 'auth.blocklists' | 'auth.parseZone'
  | 'auth.dkimGenerate' | 'auth.dkimList' | 'auth.dkimDelete' | 'auth.dkimRoundTrip'
  | 'auth.buildSpf' | 'auth.buildDmarc' | 'auth.history' | 'auth.rerun';

const messageTitle = (raw: string): string => {
  const headers = readHeaders(raw);
  return headers.get('subject')?.[0] ?? headers.get('from')?.[0] ?? 'Message without subject';
};
const messageSummary = (report: MessageReport) =>
  `spf=${report.spf.result} dkim=${report.dkim.map((row) => row.result).join(',') || 'none'} dmarc=${report.dmarc.result} arc=${report.arc.result} bimi=${report.bimi.result}`;
const bulkSummary = (report: BulkSenderReport) => report.providers.map((entry) => `${entry.provider} ${entry.passed ? 'pass' : 'fail'}`).join(', ');

const zoneData = (record: ZoneRecord): string => {
  switch (record.type) {
    case 'TXT': return record.strings.map((part) => JSON.stringify(part)).join(' ');
    case 'MX': return `${record.priority} ${record.exchange || '.'}`;
    case 'SOA': return `${record.mname} ${record.rname} ${record.serial}`;
    default: return record.value;
  }
};

/** The authentication checks, keys, builders and history, mapped onto the contract. */
export function authHandlers(rt: Runtime): Pick<Handlers, AuthMethod> {
  const history = new CheckHistory(rt.db);

  const verifyMessage = async (input: ParsedInputOf<'auth.verifyMessage'>) => {
    const report = await runMessageCheck(input.dns, { message: messageBytes(input.message, input.messageEncoding), ip: input.ip, helo: input.helo, mailFrom: input.mailFrom, useReceived: input.useReceived, strict: input.strict });
    return { ...report, historyId: history.record('message', messageTitle(input.message), messageSummary(report), input, report) };
  };
  const checkSpf = async (input: ParsedInputOf<'auth.checkSpf'>) => {
    const report = await runSpfCheck(input);
    return { ...report, historyId: history.record('spf', `${input.ip} · ${input.mailFrom || input.helo}`, `spf=${report.result}, ${report.lookups.count} lookups`, input, report) };
  };
  const auditDomain = async (input: z.output<typeof AuditInput>) => {
    const report = await runDomainAudit(input.dns, { domain: input.domain, selectors: input.selectors, ips: input.ips, mtaStsPolicy: input.mtaStsPolicy, blocklists: input.blocklists });
    const count = (severity: string) => report.findings.filter((finding) => finding.severity === severity).length;
    return { ...report, historyId: history.record('domain', report.domain, `${count('error')} errors, ${count('warning')} warnings`, input, report) };
  };
  const bulkSender = async (input: ParsedInputOf<'auth.bulkSender'>) => {
    const report = await runBulkSenderCheck(input.dns, { message: messageBytes(input.message, input.messageEncoding), ip: input.ip, helo: input.helo, mailFrom: input.mailFrom, useReceived: input.useReceived, strict: input.strict }, input.domain);
    history.record('bulk', report.domain || messageTitle(input.message), bulkSummary(report), input, report);
    return report;
  };

  return {
    'auth.verifyMessage': verifyMessage,
    'auth.checkSpf': checkSpf,
    'auth.auditDomain': auditDomain,
    'auth.bulkSender': bulkSender,
    'auth.blocklists': () => KNOWN_BLOCKLISTS.map((list) => ({ ...list })),
    'auth.parseZone': ({ text, origin }) => ({
      records: parseZoneFile(text, { ...(origin ? { origin } : {}), file: 'zone' }).records.map((record) => ({
        ...(record.line ? { line: record.line } : {}),
        name: record.name,
        ttl: record.ttl,
        type: record.type,
        data: zoneData(record),
      })),
    }),
    'auth.dkimGenerate': (input) => generateDkimKey(rt, input),
    'auth.dkimList': () => listDkimKeys(rt),
    'auth.dkimDelete': ({ id }) => ({ deleted: deleteDkimKey(rt, id) }),
    'auth.dkimRoundTrip': ({ id }) => dkimRoundTrip(rt, id),
    'auth.buildSpf': (input) => buildSpf(input),
    'auth.buildDmarc': (input) => buildDmarc(input),
    'auth.history': ({ limit }) => history.list(limit),
    'auth.rerun': async ({ id }) => {
      const past = history.input(id);
      // stored inputs are re-parsed: an entry written by an older version gets today's defaults or a clear error
      switch (past.kind) {
        case 'message':
          return { kind: 'message', report: await verifyMessage(methods['auth.verifyMessage'].input.parse(past.input)) };
        case 'spf':
          return { kind: 'spf', report: await checkSpf(methods['auth.checkSpf'].input.parse(past.input)) };
        case 'domain':
          return { kind: 'domain', report: await auditDomain(methods['auth.auditDomain'].input.parse(past.input)) };
        case 'bulk':
          return { kind: 'bulk', report: await bulkSender(methods['auth.bulkSender'].input.parse(past.input)) };
      }
    },
  };
}
