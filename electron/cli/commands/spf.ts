import { parseArgs } from 'node:util';
import type { SpfNode } from '../../../shared/contract/auth';
import { runSpfCheck } from '../../services/auth/checks';
import { type Command, EXIT, UsageError } from '../command';
import { checkIp, dnsFlags, dnsSourceFrom } from './auth-options';
import { printTrail } from './auth-print';

export const spfCommand: Command = {
  name: 'spf',
  usage: 'mailbench spf --ip IP --helo NAME --mail-from ADDR [--zone FILE] [--dns SERVER] [--strict] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { ip: { type: 'string' }, helo: { type: 'string' }, 'mail-from': { type: 'string' }, ...dnsFlags, strict: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const ip = checkIp(values.ip);
    if (!ip) throw new UsageError('--ip is required: the address of the server that sent the message.');
    if (!values.helo) throw new UsageError('--helo is required: the name the server gave in EHLO/HELO.');
    if (values['mail-from'] === undefined) throw new UsageError('--mail-from is required: the envelope sender ("" for a bounce, which checks the HELO name).');
    const { source, zoneFile } = dnsSourceFrom(io.cwd, values);
    const report = await runSpfCheck({ ip, helo: values.helo, mailFrom: values['mail-from'], dns: source, strict: Boolean(values.strict) }, zoneFile ? { zoneFile } : {});
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      io.out(`spf=${report.result} for ${report.domain || values.helo} (${report.identity}); ${report.lookups.count}/${report.lookups.limit} lookups, ${report.lookups.void}/2 void`);
      io.out(report.why);
      if (report.fix) io.out(`fix: ${report.fix}`);
      if (report.tree) printTree(report.tree, '', io.out);
      printTrail(report.trail, io.out);
    }
    return report.result === 'pass' ? EXIT.ok : EXIT.findings;
  },
};

function printTree(node: SpfNode, indent: string, out: (text: string) => void): void {
  out(`${indent}${node.via === 'top' ? '' : `${node.via} `}${node.domain}: ${node.record ?? '(no record)'}${node.problem ? `  ! ${node.problem}` : ''}`);
  for (const child of node.children) printTree(child, `${indent}  `, out);
}
