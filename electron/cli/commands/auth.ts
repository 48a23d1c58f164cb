import { parseArgs } from 'node:util';
import type { AuthNote, MessageReport } from '../../../shared/contract/auth';
import { runMessageCheck } from '../../services/auth/checks';
import { type Command, EXIT, UsageError } from '../command';
import { checkIp, dnsFlags, dnsSourceFrom, readInputBytes } from './auth-options';
import { printTrail } from './auth-print';

export const authCommand: Command = {
  name: 'auth',
  usage: 'mailbench auth <message.eml> [--ip IP] [--helo NAME] [--mail-from ADDR] [--zone FILE] [--dns SERVER] [--strict] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ip: { type: 'string' }, helo: { type: 'string' }, 'mail-from': { type: 'string' }, ...dnsFlags, strict: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one message file (.eml).');
    const message = readInputBytes(io.cwd, positionals[0]!, 'message');
    const ip = checkIp(values.ip);
    const { source, zoneFile } = dnsSourceFrom(io.cwd, values);
    const report = await runMessageCheck(
      source,
      // without --ip, the connecting IP, HELO and MAIL FROM come from the top Received header and Return-Path
      { message, ip, helo: values.helo, mailFrom: values['mail-from'], useReceived: ip === undefined, strict: Boolean(values.strict) },
      zoneFile ? { zoneFile } : {},
    );
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printReport(report, io.out);
    const passed = report.spf.result === 'pass' && report.dmarc.result === 'pass' && report.dkim.length > 0 && report.dkim.every((row) => row.result === 'pass');
    return passed ? EXIT.ok : EXIT.findings;
  },
};

function printReport(report: MessageReport, out: (text: string) => void): void {
  const line = (label: string, result: string, why: string, fix?: string, notes: readonly AuthNote[] = []) => {
    out(`${label.padEnd(6)} ${result.padEnd(10)} ${why}`);
    if (fix) out(`${''.padEnd(17)}fix: ${fix}`);
    for (const note of notes) {
      out(`${''.padEnd(17)}note: ${note.message}`);
      if (note.fix) out(`${''.padEnd(23)}fix: ${note.fix}`);
    }
  };
  out(`envelope: ip=${report.envelope.ip ?? '-'} helo=${report.envelope.helo ?? '-'} mail-from=${report.envelope.mailFrom ?? '-'} from=${report.envelope.from ?? '-'}${report.strict ? ' (strict)' : ''}`);
  line('SPF', report.spf.result, `${report.spf.why} (${report.spf.lookups.count}/10 lookups, ${report.spf.lookups.void}/2 void)`, report.spf.fix);
  for (const row of report.dkim) {
    line('DKIM', row.result, `${row.domain ? `d=${row.domain} s=${row.selector} ${row.algorithm}${row.keyBits ? ` ${row.keyBits}-bit` : ''}: ` : ''}${row.why}`, row.fix, row.notes);
  }
  line('DMARC', report.dmarc.result, report.dmarc.why, report.dmarc.fix, report.dmarc.notes);
  line('ARC', report.arc.result, report.arc.why, report.arc.fix);
  line('BIMI', report.bimi.result, report.bimi.why, report.bimi.fix);
  out('');
  out(report.authenticationResults);
  printTrail(report.trail, out);
}
