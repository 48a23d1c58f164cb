import { parseArgs } from 'node:util';
import type { AuditReport } from '../../../shared/contract/auth';
import { runDomainAudit } from '../../services/auth/checks';
import { type Command, EXIT, UsageError } from '../command';
import { checkIp, dnsFlags, dnsSourceFrom } from './auth-options';

/** Domains in one run: a portfolio, not a crawl (each audit asks dozens of names and probes MX hosts). */
const MAX_DOMAINS = 50;
const MARK = { pass: '✓', warning: '!', error: '✗', info: 'i', 'not-checked': '–' } as const;

export const dnsCommand: Command = {
  name: 'dns',
  usage: 'mailbench dns <domain...> [--zone FILE] [--dns SERVER] [--selectors a,b] [--ip IP...] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...dnsFlags, selectors: { type: 'string' }, ip: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
    if (positionals.length === 0) throw new UsageError('Give one or more domains, such as example.com.');
    const bad = positionals.find((domain) => !/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_-]+\.?$/.test(domain));
    if (bad !== undefined) throw new UsageError(`"${bad}" is not a domain; give domains such as example.com.`);
    if (positionals.length > MAX_DOMAINS) throw new UsageError(`Give at most ${MAX_DOMAINS} domains in one run (${positionals.length} given); split the list.`);
    const ips = (values.ip ?? []).flatMap((value) => value.split(',')).map((ip) => checkIp(ip.trim())!);
    const selectors = (values.selectors ?? '').split(',').map((selector) => selector.trim()).filter(Boolean);
    const { source, zoneFile } = dnsSourceFrom(io.cwd, values);
    const reports: AuditReport[] = [];
    // one after another: each audit probes MX hosts and blocklists, and a burst of them is what blocklists throttle
    for (const domain of positionals) {
      const report = await runDomainAudit(source, { domain, selectors, ips }, zoneFile ? { zoneFile } : {});
      reports.push(report);
      if (!values.json) {
        if (reports.length > 1) io.out('');
        printAudit(report, io.out);
      }
    }
    // one domain keeps the object shape scripts already read; several give an array of them
    if (values.json) io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    return reports.some((report) => report.findings.some((finding) => finding.severity === 'error')) ? EXIT.findings : EXIT.ok;
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
