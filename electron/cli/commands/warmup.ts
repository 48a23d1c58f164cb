import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract/errors';
import {
  EspFormat, espFormats, planningProviderOf, Profile, profiles, type ProviderMix, providers, PlanSpec, type ScheduleDay, type Weekday, weekdays,
} from '../../../shared/contract/warmup';
import { writeFileAtomic } from '../../fs/atomic';
import { scheduleCsv } from '../../services/warmup/export';
import { WarmupService } from '../../services/warmup/service';
import type { Runtime } from '../../services/runtime';
import { type CliIo, type Command, EXIT, type ExitCode, UsageError } from '../command';

const usage = 'mailbench warmup plan --target N --start YYYY-MM-DD [--ips N|ADDR,ADDR] [--mix gmail=45,microsoft=25,yahoo=15,apple=5,other=10]'
  + ' [--profile conservative|moderate|aggressive|custom] [--custom START,GROWTH,HOLD] [--weekdays mon-fri] [--tz ZONE] [--domain DOMAIN]'
  + ' [--auth spf,dkim,dmarc,one-click] [--name NAME] [--json|--csv]'
  + ' | import <plan> <file> --format sendgrid|mailgun|postmark|ses|sparkpost [--json]'
  + ' | status <plan> [--date YYYY-MM-DD] [--json] | replan <plan> [--date YYYY-MM-DD] [--dry-run] [--json] | export <plan> --format csv|ics [--out FILE]';

export const warmup: Command = {
  name: 'warmup',
  usage,
  async run(args, io, runtime) {
    const [sub, ...rest] = args;
    try {
      switch (sub) {
        case 'plan': return planCommand(rest, io, runtime);
        case 'import': return await importCommand(rest, io, runtime);
        case 'status': return statusCommand(rest, io, runtime);
        case 'replan': return replanCommand(rest, io, runtime);
        case 'export': return exportCommand(rest, io, runtime);
        default: throw new UsageError(`warmup needs a subcommand (plan, import, status, replan or export), not ${JSON.stringify(sub ?? '')}.`);
      }
    } catch (error) {
      // Input the user gave that a service refused: one clear line and exit 2.
      if (error instanceof AppError && ['invalid_input', 'not_found', 'io_error', 'conflict', 'parse_error'].includes(error.code)) {
        throw new UsageError(`${error.message}${error.details.hint ? ` ${error.details.hint}` : ''}`);
      }
      throw error;
    }
  },
};

const service = (runtime: () => Runtime) => new WarmupService(runtime().db);

function planCommand(args: string[], io: CliIo, runtime: () => Runtime): ExitCode {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      target: { type: 'string' }, start: { type: 'string' }, ips: { type: 'string' }, mix: { type: 'string' },
      profile: { type: 'string' }, custom: { type: 'string' }, weekdays: { type: 'string' }, tz: { type: 'string' },
      domain: { type: 'string' }, auth: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' },
    },
  });
  if (values.target === undefined || values.start === undefined) throw new UsageError('warmup plan needs --target N (messages a day at full volume) and --start YYYY-MM-DD.');
  if (values.json && values.csv) throw new UsageError('Choose one of --json and --csv.');
  const target = Number(values.target);
  if (!Number.isInteger(target) || target < 1) throw new UsageError(`--target must be a whole number of messages a day, not ${JSON.stringify(values.target)}.`);
  const profile = Profile.safeParse(values.profile ?? 'moderate');
  if (!profile.success) throw new UsageError(`--profile must be one of ${profiles.join(', ')}, not ${JSON.stringify(values.profile)}.`);
  const spec = PlanSpec.safeParse({
    name: values.name ?? 'preview',
    ips: parseIps(values.ips ?? '1'),
    domain: values.domain ?? '',
    startDate: values.start,
    timeZone: values.tz ?? 'UTC',
    weekdays: parseWeekdays(values.weekdays ?? 'mon-fri'),
    target,
    mix: parseMix(values.mix ?? 'gmail=45,microsoft=25,yahoo=15,apple=5,other=10'),
    profile: profile.data,
    ...(values.custom ? { custom: parseCustom(values.custom) } : {}),
    auth: parseAuth(values.auth ?? ''),
  });
  if (!spec.success) throw new UsageError(`The plan is not valid: ${spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  const warmups = service(runtime);
  const { days, prechecks } = warmups.preview(spec.data);
  if (values.name !== undefined) {
    const plan = warmups.create(spec.data);
    io.err(`Stored plan ${JSON.stringify(plan.name)} (id ${plan.id}): ${days.length} sending days from ${days[0]?.date}.`);
  }
  for (const check of prechecks) io.err(`warning: ${check.message}`);
  if (values.json) io.out(JSON.stringify({ days }, null, 2));
  else if (values.csv) io.out(scheduleCsv(days).trimEnd());
  else printSchedule(days, io);
  return EXIT.ok;
}

function printSchedule(days: readonly ScheduleDay[], io: CliIo): void {
  const head = ['date', 'day', 'total', ...providers];
  const rows = days.map((d) => [d.date, String(d.sendingDay), d.total.toLocaleString('en-US'), ...providers.map((p) => d.providers[p].toLocaleString('en-US'))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  io.out(line(head));
  for (const row of rows) io.out(line(row));
}

async function importCommand(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { format: { type: 'string' }, json: { type: 'boolean' } } });
  const [planRef, file] = positionals;
  if (!planRef || !file || positionals.length > 2) throw new UsageError('warmup import needs a plan (name or id) and one export file.');
  const format = EspFormat.safeParse(values.format);
  if (!format.success) throw new UsageError(`--format must be one of ${espFormats.join(', ')}${values.format ? `, not ${JSON.stringify(values.format)}` : ''}.`);
  const warmups = service(runtime);
  const plan = warmups.plan(planRef);
  let lastShown = performance.now();
  const summary = await warmups.import(plan.id, format.data, { path: resolve(io.cwd, file) }, (p) => {
    if (performance.now() - lastShown < 1000) return;
    lastShown = performance.now();
    io.err(`… ${p.read.toLocaleString('en-US')} events read (${p.bytesTotal ? Math.round((100 * p.bytesDone) / p.bytesTotal) : 0}%)`);
  });
  if (values.json) {
    io.out(JSON.stringify(summary, null, 2));
  } else {
    io.out(`${summary.file}: read ${summary.read}, imported ${summary.imported}, duplicates ${summary.duplicates}, skipped ${summary.skipped} (${summary.seconds.toFixed(2)} s)`);
    for (const skip of summary.skippedReasons) {
      io.out(`  skipped ${skip.count}: ${skip.reason} (line${skip.lines.length > 1 ? 's' : ''} ${skip.lines.join(', ')}${skip.count > skip.lines.length ? ', …' : ''})`);
    }
    if (summary.days.length) io.out(`  days: ${summary.days[0]} to ${summary.days.at(-1)}`);
  }
  return summary.imported === 0 && summary.read > 0 ? EXIT.findings : EXIT.ok;
}

function statusCommand(args: string[], io: CliIo, runtime: () => Runtime): ExitCode {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { date: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError('warmup status needs one plan (name or id).');
  const warmups = service(runtime);
  const status = warmups.status(warmups.plan(positionals[0]!).id, values.date);
  if (values.json) io.out(JSON.stringify(status, null, 2));
  else {
    io.out(`${status.plan}, ${status.date}`);
    for (const p of status.providers) {
      io.out(`${p.provider.padEnd(10)} ${p.decision}`);
      for (const reason of p.reasons) io.out(`    ${reason}`);
    }
  }
  return status.providers.some((p) => p.decision === 'step-back' || p.decision === 'pause') ? EXIT.findings : EXIT.ok;
}

function replanCommand(args: string[], io: CliIo, runtime: () => Runtime): ExitCode {
  const options = { date: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } as const;
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options });
  if (positionals.length !== 1) throw new UsageError('warmup replan needs one plan (name or id).');
  const warmups = service(runtime);
  const result = warmups.replan(warmups.plan(positionals[0]!).id, values.date, values['dry-run'] ?? false);
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`${result.applied ? 'Replanned' : 'Would replan (dry run, nothing stored)'} from the actuals up to ${result.asOf}: ${result.changes.length} day(s) change.`);
    for (const d of result.decisions) io.out(`${d.provider.padEnd(10)} ${d.decision}: ${d.reasons[0]}`);
    for (const c of result.changes.slice(0, 20)) io.out(`  ${c.date}  ${c.before ?? 'rest'} -> ${c.after ?? 'rest'}`);
    if (result.changes.length > 20) io.out(`  … and ${result.changes.length - 20} more`);
    if (result.applied) printSchedule(result.days, io);
  }
  return EXIT.ok;
}

function exportCommand(args: string[], io: CliIo, runtime: () => Runtime): ExitCode {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('warmup export needs one plan (name or id).');
  if (values.format !== 'csv' && values.format !== 'ics') throw new UsageError('--format must be csv or ics.');
  const warmups = service(runtime);
  const file = warmups.export(warmups.plan(positionals[0]!).id, values.format);
  if (values.out) {
    writeFileAtomic(resolve(io.cwd, values.out), file.text);
    io.err(`Wrote ${values.out}.`);
  } else io.out(file.text.trimEnd());
  return EXIT.ok;
}

/** `--ips 2` is a pool of two (labelled ip-1, ip-2); `--ips 192.0.2.10,192.0.2.11` names them. */
export function parseIps(value: string): string[] {
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (count < 1 || count > 64) throw new UsageError(`--ips must be from 1 to 64, not ${value}.`);
    return Array.from({ length: count }, (_, i) => `ip-${i + 1}`);
  }
  const list = value.split(',').map((ip) => ip.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--ips needs a count or a comma-separated list of addresses.');
  return list;
}

/** `mon-fri`, `mon,wed,fri`, `sun-thu` (ranges wrap past Sunday). */
export function parseWeekdays(value: string): Weekday[] {
  const out = new Set<Weekday>();
  const index = (day: string) => {
    const i = weekdays.indexOf(day.trim().toLowerCase().slice(0, 3) as Weekday);
    if (i === -1) throw new UsageError(`--weekdays: ${JSON.stringify(day)} is not a weekday; use mon, tue, wed, thu, fri, sat, sun (ranges like mon-fri).`);
    return i;
  };
  for (const part of value.split(',')) {
    const [from, to] = part.split('-');
    const a = index(from!);
    const b = to === undefined ? a : index(to);
    for (let i = a; ; i = (i + 1) % 7) {
      out.add(weekdays[i]!);
      if (i === b) break;
    }
  }
  return weekdays.filter((d) => out.has(d));
}

/** `gmail=45,microsoft=25,...`: providers left out get 0; the total must be 100. */
export function parseMix(value: string): ProviderMix {
  const mix: ProviderMix = { gmail: 0, microsoft: 0, yahoo: 0, apple: 0, other: 0 };
  for (const part of value.split(',')) {
    const [name, pct] = part.split('=');
    const provider = name === undefined ? undefined : planningProviderOf(name);
    const share = Number(pct);
    if (!provider || pct === undefined || !Number.isFinite(share) || share < 0) {
      throw new UsageError(`--mix: ${JSON.stringify(part)} is not provider=percent; providers are ${providers.join(', ')} (or a common alias such as outlook or icloud).`);
    }
    mix[provider] += share;
  }
  return mix;
}

function parseCustom(value: string): { start: number; growth: number; holdDays: number } {
  const [start, growth, holdDays] = value.split(',').map(Number);
  if (![start, growth, holdDays].every((n) => Number.isFinite(n))) throw new UsageError('--custom is START,GROWTH,HOLD, for example 100,1.5,2.');
  return { start: start!, growth: growth!, holdDays: holdDays! };
}

/** The authentication the domain has, as the user states it (`spf,dkim,dmarc,one-click`). */
function parseAuth(value: string): { spf: boolean; dkim: boolean; dmarc: boolean; oneClickUnsubscribe: boolean } {
  const items = new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  for (const item of items) {
    if (!['spf', 'dkim', 'dmarc', 'one-click'].includes(item)) throw new UsageError(`--auth: ${JSON.stringify(item)} is not one of spf, dkim, dmarc, one-click.`);
  }
  return { spf: items.has('spf'), dkim: items.has('dkim'), dmarc: items.has('dmarc'), oneClickUnsubscribe: items.has('one-click') };
}
