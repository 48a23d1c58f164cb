import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract/errors';
import type { DomainSummary, ImportResult, WhatIf } from '../../../shared/contract/dmarc';
import type { ImapFolder } from '../../services/dmarc/imap';
import { DmarcService } from '../../services/dmarc/service';
import type { Runtime } from '../../services/runtime';
import { type CliIo, type Command, EXIT, type ExitCode, UsageError } from '../command';

const usage = 'mailbench dmarc import <files, folders or globs...> [--json]'
  + ' | summary [--domain D] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--ptr [--dns SERVER]] [--json]'
  + ' | whatif --domain D --policy quarantine|reject [--json]'
  + ' | fetch --imap imap[s]://USER@HOST[:PORT][/FOLDER] [--json] (password from MAILBENCH_IMAP_PASSWORD)';

export const dmarc: Command = {
  name: 'dmarc',
  usage,
  async run(args, io, runtime) {
    const [sub, ...rest] = args;
    try {
      switch (sub) {
        case 'import': return await importCommand(rest, io, runtime);
        case 'summary': return await summaryCommand(rest, io, runtime);
        case 'whatif': return whatIfCommand(rest, io, runtime);
        case 'fetch': return await fetchCommand(rest, io, runtime);
        default: throw new UsageError(`dmarc needs a subcommand (import, summary, whatif or fetch), not ${JSON.stringify(sub ?? '')}.`);
      }
    } catch (error) {
      // A mailbox that refuses the login or has no such folder: one clear line and exit 2.
      if (error instanceof AppError && ['invalid_input', 'not_found', 'network'].includes(error.code)) {
        throw new UsageError(`${error.message}${error.details.hint ? ` ${error.details.hint}` : ''}`);
      }
      throw error;
    }
  },
};

const service = (runtime: () => Runtime) => new DmarcService(runtime().db);
const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** `imap[s]://user@host[:port][/folder]`: where a fetch reads report mail from. */
export function parseImapUrl(value: string, password: string | undefined): ImapFolder {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--imap must be imap[s]://USER@HOST[:PORT][/FOLDER], not ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new UsageError(`--imap must start with imap:// or imaps://, not ${url.protocol}//.`);
  if (!url.username || !url.hostname) throw new UsageError('--imap needs a user and a host: imaps://USER@HOST/FOLDER.');
  if (url.password) throw new UsageError('Do not put the password in --imap (it would stay in your shell history); set MAILBENCH_IMAP_PASSWORD.');
  if (!password) throw new UsageError('Set MAILBENCH_IMAP_PASSWORD to the password of the mailbox.');
  const tls = url.protocol === 'imaps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : tls ? 993 : 143, tls,
    user: decodeURIComponent(url.username), password, folder: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

async function fetchCommand(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { imap: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.imap || positionals.length) throw new UsageError('dmarc fetch needs --imap imap[s]://USER@HOST[:PORT][/FOLDER] and nothing else.');
  const folder = parseImapUrl(values.imap, io.env.MAILBENCH_IMAP_PASSWORD);
  const result = await service(runtime).fetchImap(folder);
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else {
    printImport(result, io);
    io.out(`${result.fetched} new message${result.fetched === 1 ? '' : 's'} read from ${folder.folder}`);
  }
  return result.refused.length > 0 ? EXIT.findings : EXIT.ok;
}

async function importCommand(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length === 0) throw new UsageError('dmarc import needs report files, folders or globs (for example reports/ or "*.xml.gz").');
  let lastShown = performance.now();
  const result: ImportResult = await service(runtime).importPaths(positionals, io.cwd, (p) => {
    if (performance.now() - lastShown < 1000) return;
    lastShown = performance.now();
    io.err(`… ${p.files.toLocaleString('en-US')} files read: ${p.imported} imported, ${p.duplicates} duplicates, ${p.refused} refused`);
  });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else printImport(result, io);
  return result.refused.length > 0 ? EXIT.findings : EXIT.ok;
}

function printImport(result: ImportResult, io: CliIo): void {
  for (const r of result.imported) {
    io.out(`${r.file}: ${r.kind} report ${r.reportId} from ${r.orgName} for ${r.domain}, ${r.begin.slice(0, 10)} to ${r.end.slice(0, 10)}: ${r.records} records, ${r.messages} messages`);
    for (const warning of r.warnings) io.out(`  note: ${warning}`);
  }
  for (const d of result.duplicates) io.out(`${d.file}: ${d.kind} report ${d.reportId} from ${d.orgName} is already imported`);
  for (const r of result.refused) io.out(`${r.file}: refused: ${r.reason}`);
  io.out(`${result.imported.length} imported, ${result.duplicates.length} duplicates, ${result.refused.length} refused`);
}

async function summaryCommand(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values } = parseArgs({ args, strict: true, options: {
    domain: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' }, ptr: { type: 'boolean' }, dns: { type: 'string', multiple: true },
  } });
  if (values.dns && !values.ptr) throw new UsageError('--dns only applies with --ptr (PTR names are looked up only when asked).');
  for (const flag of ['since', 'until'] as const) {
    const value = values[flag];
    if (value !== undefined && (!isoDay.test(value) || Number.isNaN(Date.parse(value)))) throw new UsageError(`--${flag} must be a date as YYYY-MM-DD, not ${JSON.stringify(value)}.`);
  }
  const query = {
    ...(values.domain ? { domain: values.domain.trim().toLowerCase() } : {}),
    ...(values.since ? { since: values.since } : {}),
    ...(values.until ? { until: values.until } : {}),
  };
  // Offline unless asked: --ptr looks up the sources' PTR names in DNS.
  const summary = values.ptr ? await service(runtime).summaryWithPtr(query, values.dns) : service(runtime).summary(query);
  if (values.json) io.out(JSON.stringify(summary, null, 2));
  else if (summary.domains.length === 0) io.out('No aggregate reports stored for that selection. Import some with: mailbench dmarc import <files>');
  else for (const domain of summary.domains) printDomain(domain, io);
  return EXIT.ok;
}

function printDomain(d: DomainSummary, io: CliIo): void {
  const published = d.policyApplied.published;
  io.out(`${d.domain}: ${d.messages} messages in ${d.reports} reports, DMARC pass ${percent(d.dmarcPass, d.messages)}, DKIM aligned ${percent(d.dkimAligned, d.messages)}, SPF aligned ${percent(d.spfAligned, d.messages)}`);
  io.out(`  policy${published ? ` (published p=${published.p || '?'}${published.sp ? ` sp=${published.sp}` : ''}${published.testing === 'y' ? ', testing' : ''})` : ''}: none ${d.policyApplied.none}, quarantine ${d.policyApplied.quarantine}, reject ${d.policyApplied.reject}`);
  for (const o of d.policyApplied.overrides) io.out(`  override ${o.type}${o.comment ? ` (${o.comment})` : ''}: ${o.messages} messages`);
  for (const s of d.sources.slice(0, 20)) {
    io.out(`  ${s.ip.padEnd(39)} ${String(s.messages).padStart(8)}  pass ${percent(s.dmarcPass, s.messages).padStart(6)}  ${s.service ?? '-'}  ${s.known}${s.ptr ? `  ${s.ptr}` : ''}`);
  }
  if (d.sources.length > 20) io.out(`  … ${d.sources.length - 20} more sources (--json lists them)`);
}

function whatIfCommand(args: string[], io: CliIo, runtime: () => Runtime): ExitCode {
  const { values } = parseArgs({ args, strict: true, options: { domain: { type: 'string' }, policy: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.domain) throw new UsageError('dmarc whatif needs --domain D.');
  if (values.policy !== 'quarantine' && values.policy !== 'reject') throw new UsageError(`--policy must be quarantine or reject${values.policy ? `, not ${JSON.stringify(values.policy)}` : ''}.`);
  const result: WhatIf = service(runtime).whatIf(values.domain.trim().toLowerCase(), values.policy);
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`${result.domain} at p=${result.policy}: ${result.affected} of ${result.messages} messages (${percent(result.affected, result.messages)}) fail DMARC and would be affected;`
      + ` ${result.legitimateAffected} of them (${percent(result.legitimateAffected, result.messages)} of all mail) come from known services or sources checked here.`);
    for (const s of result.sources.slice(0, 20)) io.out(`  ${s.ip.padEnd(39)} ${String(s.failing).padStart(8)} failing  ${s.why}`);
    for (const note of result.notes) io.out(`note: ${note}`);
  }
  return EXIT.ok;
}
