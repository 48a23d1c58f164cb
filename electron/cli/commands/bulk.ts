import { parseArgs } from 'node:util';
import type { BulkSenderReport } from '../../../shared/contract/auth';
import { runBulkSenderCheck } from '../../services/auth/checks';
import { type Command, EXIT, UsageError } from '../command';
import { checkIp, dnsFlags, dnsSourceFrom, readInputBytes } from './auth-options';

const MARK: Record<BulkSenderReport['providers'][number]['requirements'][number]['status'], string> = { pass: '✓', fail: '✗', unknowable: '?' };

export const bulkCommand: Command = {
  name: 'bulk',
  usage: 'mailbench bulk <message.eml> [--zone FILE] [--dns SERVER] [--ip IP] [--helo NAME] [--mail-from ADDR] [--domain DOMAIN] [--strict] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...dnsFlags, ip: { type: 'string' }, helo: { type: 'string' }, 'mail-from': { type: 'string' }, domain: { type: 'string' }, strict: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one message file (.eml).');
    if (values.domain !== undefined && !/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_-]+\.?$/.test(values.domain)) throw new UsageError(`--domain ${values.domain} is not a domain name such as example.com.`);
    const message = readInputBytes(io.cwd, positionals[0]!, 'message');
    const ip = checkIp(values.ip);
    const { source, zoneFile } = dnsSourceFrom(io.cwd, values);
    const report = await runBulkSenderCheck(
      source,
      // without --ip, the connecting IP, HELO and MAIL FROM come from the top Received header and Return-Path
      { message, ip, helo: values.helo, mailFrom: values['mail-from'], useReceived: ip === undefined, strict: Boolean(values.strict) },
      values.domain,
      zoneFile ? { zoneFile } : {},
    );
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printChecklist(report, io.out);
    return report.providers.every((provider) => provider.passed) ? EXIT.ok : EXIT.findings;
  },
};

function printChecklist(report: BulkSenderReport, out: (text: string) => void): void {
  out(`Bulk-sender requirements for ${report.domain || 'the message'} (✓ pass, ✗ fail, ? cannot be known from one message)`);
  for (const provider of report.providers) {
    out('');
    out(`${provider.label}: ${provider.passed ? 'passes' : 'fails'}`);
    for (const item of provider.requirements) {
      out(`  ${MARK[item.status]} ${item.requirement}: ${item.why}`);
      if (item.fix && item.status !== 'pass') out(`      ${item.status === 'fail' ? 'fix' : 'what to do'}: ${item.fix}`);
    }
  }
}
