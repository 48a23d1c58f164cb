import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract/errors';
import type { MessageSpec, RecipientRow, RunDetail } from '../../../shared/contract/seeds';
import { seedServiceOf } from '../../services/seeds/handlers';
import type { SmtpTarget } from '../../services/seeds/run-store';
import { parseSeedCsv } from '../../services/seeds/seed-csv';
import { isLoopbackHost } from '../../../shared/model/loopback';
import { DEFAULT_SCHEDULE_MS, type SeedService, SMTP_PASSWORD_ENV } from '../../services/seeds/service';
import { loadTemplate } from '../../services/seeds/template';
import type { Runtime } from '../../services/runtime';
import { type CliIo, type Command, EXIT, type ExitCode, UsageError } from '../command';

const SEND_USAGE =
  'mailbench seed send --smtp smtp[s]://user@host:port --from ADDR --seeds seeds.csv <template.html|.mjml> [--subject S] [--reply-to ADDR] [--unsubscribe-mailto mailto:…] [--unsubscribe-url https://…] [--dkim KEY-ID] [--pool N] [--rate PER-SECOND] [--json]\n' +
  '       mailbench seed send --resume RUN-ID [--resend-unknown] [--json]';
const PLACEMENT_USAGE = 'mailbench seed placement <run-id> [--wait MINUTES] [--json]';

export const seed: Command = {
  name: 'seed',
  usage: `${SEND_USAGE}\n       ${PLACEMENT_USAGE}\nThe SMTP password is read from ${SMTP_PASSWORD_ENV}; IMAP passwords from the variable named in the CSV's imap_password_env column, else MAILBENCH_IMAP_PASSWORD.`,
  async run(args, io, runtime) {
    const [sub, ...rest] = args;
    if (sub === 'send') return send(rest, io, runtime);
    if (sub === 'placement') return placement(rest, io, runtime);
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}; use send or placement.`);
  },
};

async function send(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      smtp: { type: 'string' },
      from: { type: 'string' },
      seeds: { type: 'string' },
      subject: { type: 'string' },
      'reply-to': { type: 'string' },
      'unsubscribe-mailto': { type: 'string' },
      'unsubscribe-url': { type: 'string' },
      dkim: { type: 'string' },
      pool: { type: 'string', default: '5' },
      rate: { type: 'string', default: '0' },
      resume: { type: 'string' },
      'resend-unknown': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  // Opened only once the flags are good, so usage errors never create a data folder.
  let opened: SeedService | undefined;
  const service = () => (opened ??= seedServiceOf(runtime(), { env: io.env }));
  let runId: string;
  if (values.resume) {
    if (positionals.length > 0 || values.smtp || values.seeds) throw new UsageError('--resume takes only the run id: the run keeps its server, seeds and message.');
    runId = await service().resume(values.resume, values['resend-unknown']).catch(usageFrom);
    io.err(`Run ${runId}: resuming.`);
  } else {
    runId = await startFromFiles(service, values, positionals, io);
  }
  return finish(service(), runtime(), runId, values.json, io);
}

async function finish(service: SeedService, rt: Runtime, runId: string, json: boolean, io: CliIo): Promise<ExitCode> {
  const stopOnInterrupt = () => service.cancel(runId);
  process.once('SIGINT', stopOnInterrupt);
  const unsubscribe = watchProgress(rt, runId, io);
  try {
    await service.finished(runId);
  } finally {
    unsubscribe();
    process.off('SIGINT', stopOnInterrupt);
    service.stopPolling(runId);
  }
  const detail = service.detail(runId);
  // Every row, a page at a time (detail.recipients holds the first page only).
  if (json) {
    io.out(JSON.stringify({ runId, recipients: Array.from(service.allRows(runId), ({ address, status, code, response }) => ({ address, status, code: code ?? null, response: response ?? null })) }, null, 2));
  } else {
    for (const row of service.allRows(runId)) io.out(`${row.status.padEnd(9)} ${row.address}${row.code ? `  ${row.code}` : ''}${row.response ? `  ${row.response}` : ''}`);
    io.out(summaryLine(detail));
    if (detail.run.state === 'cancelled') io.out(`Stopped. Resume with: mailbench seed send --resume ${runId}`);
    else if (detail.run.state === 'failed') io.out('Failed: the server accepted no message (see the answers above). Check the --smtp server and send again.');
    else io.out(`Placement: mailbench seed placement ${runId} --wait 60`);
  }
  return detail.run.counts.accepted === detail.run.total ? EXIT.ok : EXIT.findings;
}

type SendValues = { smtp?: string | undefined; from?: string | undefined; seeds?: string | undefined; subject?: string | undefined; 'reply-to'?: string | undefined; 'unsubscribe-mailto'?: string | undefined; 'unsubscribe-url'?: string | undefined; dkim?: string | undefined; pool: string; rate: string };

async function startFromFiles(service: () => SeedService, values: SendValues, positionals: string[], io: CliIo): Promise<string> {
  if (!values.smtp) throw new UsageError('--smtp is required (smtp://user@host:587 or smtps://user@host:465).');
  if (!values.from) throw new UsageError('--from is required.');
  if (!values.seeds) throw new UsageError('--seeds is required (a CSV with an address column).');
  if (positionals.length !== 1) throw new UsageError(`give exactly one template file (got ${positionals.length}).`);
  const smtp = parseSmtpUrl(values.smtp, positiveInt(values.pool, '--pool'), nonNegative(values.rate, '--rate'));
  let csv: string;
  try {
    csv = await readFile(resolve(io.cwd, values.seeds), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${values.seeds} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path.`);
  }
  const seeds = await parseSeedCsv(csv, values.seeds).catch(usageFrom);
  const template = await loadTemplate(resolve(io.cwd, positionals[0]!), positionals[0]).catch(usageFrom);
  const message: MessageSpec = {
    from: values.from,
    subject: values.subject ?? template.title ?? basename(positionals[0]!),
    html: template.html,
    text: template.text,
    ...(values['reply-to'] ? { replyTo: values['reply-to'] } : {}),
    ...(values['unsubscribe-mailto'] ? { unsubscribeMailto: values['unsubscribe-mailto'] } : {}),
    ...(values['unsubscribe-url'] ? { unsubscribeUrl: values['unsubscribe-url'] } : {}),
    ...(values.dkim ? { dkimKeyId: values.dkim } : {}),
  };
  const runId = await service()
    .startRun({ smtp, message, recipients: seeds.map((seed) => ({ address: seed.address, provider: seed.provider, ...(seed.imap ? { imap: seed.imap } : {}) })) })
    .catch(usageFrom);
  io.err(`Run ${runId}: sending to ${seeds.length} seed${seeds.length === 1 ? '' : 's'} through ${smtp.host}:${smtp.port}.`);
  for (const warning of service().warnings(message)) io.err(`Warning: ${warning}`);
  return runId;
}

/** smtp[s]://user@host:port; the password never goes in the URL (shell history, process list). */
export function parseSmtpUrl(text: string, poolSize: number, ratePerSecond: number): SmtpTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--smtp ${JSON.stringify(text)} is not a URL like smtp://user@host:587.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new UsageError(`--smtp must start with smtp:// or smtps://, not ${url.protocol}//.`);
  if (url.password) throw new UsageError(`put the SMTP password in ${SMTP_PASSWORD_ENV}, not in the URL.`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLoopbackHost(host);
  const user = decodeURIComponent(url.username);
  return {
    host,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    // smtp:// insists on STARTTLS except on loopback, where test receivers often have no certificate.
    security: url.protocol === 'smtps:' ? 'tls' : loopback ? 'none' : 'starttls',
    ...(user ? { user } : {}),
    poolSize,
    ratePerSecond,
    password: user ? { kind: 'env', name: SMTP_PASSWORD_ENV } : { kind: 'none' },
  };
}

async function placement(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { wait: { type: 'string', default: '0' }, json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('give exactly one run id.');
  const runId = positionals[0]!;
  const waitMs = nonNegative(values.wait, '--wait') * 60_000;
  const service = seedServiceOf(runtime(), { env: io.env });
  const deadline = Date.now() + waitMs;
  let detail = await service.checkPlacement(runId).catch(usageFrom);
  const finishedAt = Date.parse(service.runs.run(runId).finishedAt ?? detail.run.createdAt);
  while (detail.matrix.overall.pending > 0 && Date.now() < deadline) {
    // Next point of the 1-2-5-10-15-30-60 minute schedule, or the end of --wait if that comes first.
    const next = DEFAULT_SCHEDULE_MS.map((offset) => finishedAt + offset).find((at) => at > Date.now()) ?? Date.now() + 60_000;
    await new Promise((done) => setTimeout(done, Math.min(next, deadline) - Date.now()));
    if (!values.json) io.err(`Checking again at ${new Date().toISOString()}…`);
    detail = await service.checkPlacement(runId);
  }
  if (values.json) {
    io.out(JSON.stringify({ runId, matrix: detail.matrix, recipients: Array.from(service.allRows(runId), placementJson) }, null, 2));
    return EXIT.ok;
  }
  io.out(`provider      total  inbox        tab          spam         missing      pending  not sent`);
  for (const row of [...detail.matrix.rows, detail.matrix.overall]) {
    const cell = (c: { count: number; percent: number }) => `${c.count} (${c.percent}%)`.padEnd(13);
    io.out(`${row.provider.padEnd(13)} ${String(row.total).padEnd(6)} ${cell(row.inbox)}${cell(row.tab)}${cell(row.spam)}${cell(row.missing)}${String(row.pending).padEnd(9)}${row.notSent}`);
  }
  for (const row of service.allRows(runId)) {
    const auth = row.auth ? ` spf=${row.auth.spf ?? '-'} dkim=${row.auth.dkim ?? '-'} dmarc=${row.auth.dmarc ?? '-'}` : '';
    io.out(`${row.placement.padEnd(9)} ${row.address}${row.folder ? `  ${row.folder}` : ''}${row.tab ? ` (${row.tab})` : ''}${row.arrivalDelaySec !== undefined ? `  +${row.arrivalDelaySec}s` : ''}${auth}${row.checkError ? `  ${row.checkError}` : ''}`);
  }
  return EXIT.ok;
}

function placementJson(row: RecipientRow) {
  return {
    address: row.address,
    provider: row.provider,
    status: row.status,
    placement: row.placement,
    folder: row.folder ?? null,
    tab: row.tab ?? null,
    arrivalDelaySec: row.arrivalDelaySec ?? null,
    late: row.late ?? false,
    copies: row.copies ?? null,
    auth: row.auth ?? null,
    error: row.checkError ?? null,
  };
}

function watchProgress(rt: Runtime, runId: string, io: CliIo): () => void {
  if (!io.isTty) return () => {};
  return rt.dispatcher.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const progress = payload as { jobId: string; done: number; total?: number };
    if (progress.jobId !== runId || !progress.total) return;
    const width = 30;
    const filled = Math.round((progress.done / progress.total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total}${progress.done === progress.total ? '\n' : ''}`);
  });
}

function summaryLine(detail: RunDetail): string {
  const counts = detail.run.counts;
  return `Run ${detail.run.id}: ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.deferred} deferred, ${counts.failed} failed${counts.unknown ? `, ${counts.unknown} unknown` : ''}${counts.queued ? `, ${counts.queued} not sent` : ''}; ${detail.run.retries} retries.`;
}

/** Errors about the user's input become usage errors (exit 2) with the file and line. */
function usageFrom(error: unknown): never {
  if (error instanceof AppError && ['invalid_input', 'parse_error', 'io_error', 'not_found', 'unavailable', 'conflict'].includes(error.code)) {
    throw new UsageError(`${error.message}${error.details.hint ? ` ${error.details.hint}` : ''}`);
  }
  throw error;
}

function positiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 50) throw new UsageError(`${flag} must be a whole number from 1 to 50, not ${JSON.stringify(text)}.`);
  return value;
}

function nonNegative(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${flag} must be a number of 0 or more, not ${JSON.stringify(text)}.`);
  return value;
}
