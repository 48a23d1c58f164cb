import { parseArgs } from 'node:util';
import type { AuditReport } from '../../../shared/contract/auth';
import { runDomainAudit } from '../../services/auth/checks';
import { type Command, EXIT, UsageError } from '../command';
import { checkIp, dnsFlags, dnsSourceFrom } from './auth-options';

const MARK = { pass: '✓', warning: '!', error: '✗', info: 'i', 'not-checked': '–' } as const;

export const dnsCommand: Command = {
  name: 'dns',
  usage: 'mailbench dns <domain> [--zone FILE] [--dns SERVER] [--selectors a,b] [--ip IP...] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...dnsFlags, selectors: { type: 'string' }, ip: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1 || !/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_-]+\.?$/.test(positionals[0]!)) throw new UsageError('Give exactly one domain, such as example.com.');
    const ips = (values.ip ?? []).flatMap((value) => value.split(',')).map((ip) => checkIp(ip.trim())!);
    const selectors = (values.selectors ?? '').split(',').map((selector) => selector.trim()).filter(Boolean);
    const { source, zoneFile } = dnsSourceFrom(io.cwd, values);
    const report = await runDomainAudit(source, { domain: positionals[0]!, selectors, ips }, zoneFile ? { zoneFile } : {});
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printAudit(report, io.out);
    return report.findings.some((finding) => finding.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};

function printAudit(report: AuditReport, out: (text: string) => void): void {
  out(`Domain audit of ${report.domain}`);
  for (const section of report.sections) {
    out(`${MARK[section.status]} ${section.title}: ${section.summary}`);
    for (const record of section.records) out(`    ${record}`);
    for (const finding of report.findings.filter((item) => item.family === section.id)) {
      out(`    [${finding.severity}] ${finding.message}`);
      out(`        why: ${finding.why}`);
      out(`        fix: ${finding.fix}`);
    }
  }
}
