import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../../shared/lint/index';
import { detectEngines } from '../../electron/services/app/engines';
import { lintFiles } from '../../electron/services/lint/run';
import { projectRoot } from '../../electron/paths';
import { wrapTemplate } from '../../shared/mail/wrap';
import { type Spamd, startSpamd } from '../spam-reference/spamd';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { percentile, report, sample } from './measure';

const fixtures = resolve(projectRoot(), 'test/fixtures/templates');
const bin = resolve(projectRoot(), 'bin/mailbench.mjs');

/** A real template (Cerberus hybrid) with its body repeated until the HTML reaches 100 KB. */
function email100k(): string {
  const source = readFileSync(join(fixtures, 'cerberus/hybrid.html'), 'utf8');
  const open = source.indexOf('>', source.search(/<body\b/i)) + 1;
  const close = source.lastIndexOf('</body>');
  const inner = source.slice(open, close);
  let body = inner;
  while (open + body.length + (source.length - close) < 100 * 1024) body += inner;
  return source.slice(0, open) + body + source.slice(close);
}


const spamFixtures = resolve(projectRoot(), 'test/fixtures/spam');

/** The 100 KB HTML wrapped as a sent message, its body trimmed so that the whole .eml is about 100 KB. */
function eml100k(html: string): string {
  const open = html.indexOf('>', html.search(/<body\b/i)) + 1;
  const close = html.lastIndexOf('</body>');
  let cut = close;
  let message = wrapTemplate(html);
  while (message.length > 100 * 1024 && cut > open) {
    cut -= 2048;
    message = wrapTemplate(html.slice(0, cut) + html.slice(close), { date: new Date(0) });
  }
  return message;
}

/** Runs a command with input on stdin and resolves with its wall time in ms (its output is discarded). */
function timed(command: string, args: string[], input: string | Uint8Array, env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], env, ...(cwd ? { cwd } : {}) });
    child.on('error', reject);
    child.on('close', () => resolvePromise(performance.now() - started));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const median = (values: number[]) => percentile(values, 50);

/** CPU time (ms) of this process's children that have exited and been waited for (/proc/self/stat cutime+cstime). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** CPU ms of this process spent in fn, divided by runs. */
function cpuPerRun(runs: number, fn: () => unknown): number {
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / runs;
}

/**
 * One input, in-process lint against `spamc -R` to a warm spamd, in alternating order each round so that load
 * from the other engineers on the machine falls on both sides alike.
 */
async function pair(label: string, spamd: Spamd, input: Parameters<typeof lint>[0], message: string, rounds = 15): Promise<void> {
  const spamOnly = { families: ['spam'] as const };
  for (let i = 0; i < 20; i++) lint(input);
  const ours: number[] = [];
  const oursAll: number[] = [];
  const theirs: number[] = [];
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  const spamc = async () => {
    const cpu = spamd.cpuMs();
    const wall = await timed('spamc', ['-d', '127.0.0.1', '-p', String(spamd.port), '-R'], message);
    theirsCpu.push(spamd.cpuMs() - cpu);
    return wall;
  };
  const local = async () => {
    ours.push(...(await sample(5, () => lint(input, spamOnly))));
    oursAll.push(...(await sample(5, () => lint(input))));
    oursCpu.push(cpuPerRun(5, () => lint(input, spamOnly)));
  };
  for (let round = 0; round < rounds; round++) {
    if (round % 2) {
      theirs.push(await spamc());
      await local();
    } else {
      await local();
      theirs.push(await spamc());
    }
  }
  report(`${label}: Mailbench spam rules in-process, median`, median(ours), 'ms');
  report(`${label}: Mailbench all families in-process, median`, median(oursAll), 'ms');
  report(`${label}: spamc -> warm spamd -L, median of ${rounds}`, median(theirs), 'ms');
  report(`${label}: spamd / Mailbench spam rules (goal >= 20)`, median(theirs) / median(ours), 'x');
  report(`${label}: spamd / Mailbench all families`, median(theirs) / median(oursAll), 'x');
  // CPU time is what the two cores actually spend, whatever else runs on the machine.
  report(`${label}: CPU per message, Mailbench spam rules`, median(oursCpu), 'ms');
  report(`${label}: CPU per message, spamd (all its processes)`, median(theirsCpu), 'ms');
  report(`${label}: CPU ratio spamd / Mailbench (goal >= 20)`, median(theirsCpu) / median(oursCpu), 'x');
}

/** Corpus messages (tuning folders) for the batch: real mail of every shape, 300 files. */
function corpusFiles(): string[] {
  return ['spam', 'ham'].flatMap((folder) => readdirSync(join(spamFixtures, folder)).filter((f) => f.endsWith('.eml')).sort().map((f) => join(spamFixtures, folder, f)));
}

/** The CLI over a batch of .eml files in one process, beside spamc over the same files (2 at a time), alternating. */
async function batch(spamd: Spamd): Promise<void> {
  const files = corpusFiles();
  const { dir, cleanup } = tempDir('mailbench-eml-batch-');
  try {
    files.forEach((file, i) => writeFileSync(join(dir, `m${String(i).padStart(4, '0')}.eml`), readFileSync(file)));
    const env = { ...process.env, MAILBENCH_DATA_DIR: join(dir, '.data') };
    const oursCpu: number[] = [];
    const theirsCpu: number[] = [];
    const cli = async () => {
      const cpu = childrenCpuMs();
      const wall = await timed(process.execPath, [bin, 'lint', '*.eml', '--format', 'json'], '', env, dir);
      oursCpu.push(childrenCpuMs() - cpu);
      return wall;
    };
    const messages = files.map((file) => readFileSync(file));
    const viaSpamd = async () => {
      const cpu = spamd.cpuMs();
      const started = performance.now();
      await spamd.checkAll(messages, 2);
      theirsCpu.push(spamd.cpuMs() - cpu);
      return performance.now() - started;
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < 4; round++) {
      if (round % 2) {
        theirs.push(await viaSpamd());
        ours.push(await cli());
      } else {
        ours.push(await cli());
        theirs.push(await viaSpamd());
      }
    }
    const { loadavg } = await import('node:os');
    report('load average while measuring (2 cores)', loadavg()[0]!, '');
    report(`CLI lint over ${files.length} .eml (one process), median of 4`, median(ours) / 1000, 's');
    report('CLI .eml throughput (goal >= 100)', files.length / (median(ours) / 1000), '.eml/s');
    report('spamc -> warm spamd -L over the same, 2 at a time', files.length / (median(theirs) / 1000), '.eml/s');
    report('CLI batch / spamd batch throughput', median(theirs) / median(ours), 'x');
    report('CLI .eml per CPU second (whole process, start-up included)', files.length / (median(oursCpu) / 1000), '.eml/s');
    report('spamd .eml per CPU second (all its processes)', files.length / (median(theirsCpu) / 1000), '.eml/s');
  } finally {
    cleanup();
  }
}

/** The same inputs through real SpamAssassin: a warm spamd -L this bench starts on a free port, and one cold run. */
async function beside(html: string): Promise<void> {
  const engines = await detectEngines();
  if (!engines.some((engine) => engine.id === 'spamassassin' && engine.present)) {
    report('SpamAssassin', 'not installed, no ratio');
    return;
  }
  const { dir, cleanup } = tempDir('mailbench-sa-bench-');
  let spamd: Spamd | undefined;
  try {
    spamd = await startSpamd();
    const htmlMessage = wrapTemplate(html);
    await pair('100 KB HTML', spamd, { kind: 'html', source: html }, htmlMessage);
    const eml = eml100k(html);
    report('test .eml size', eml.length / 1024, 'KB');
    await pair('100 KB .eml', spamd, { kind: 'eml', source: eml }, eml);
    // SpamAssassin writes ~/.spamassassin on a cold run: keep it in the temp folder.
    const cold = await timed('spamassassin', ['-L', '-t'], eml, { ...process.env, HOME: dir });
    report('100 KB .eml: cold spamassassin -L -t, once', cold, 'ms');
    await batch(spamd);
  } finally {
    await spamd?.stop();
    cleanup();
  }
}

export const lintBench: Bench = {
  name: 'lint',
  summary: 'lint engine on a 100 KB HTML email and a 100 KB .eml beside a warm spamd -L (and a cold spamassassin -L), .eml batches, and the CLI over 1,000 templates',
  async run() {
    const html = email100k();
    report('test email size', html.length / 1024, 'KB');
    const input = { kind: 'html' as const, source: html };
    const core = { families: ['spam', 'structure', 'links', 'accessibility'] as const };
    for (let i = 0; i < 20; i++) lint(input);
    // Wall time suffers when other work shares the two cores; CPU time per run (cpuPerRun) does not.
    const coreTimes = await sample(100, () => lint(input, core));
    report('content+structure+links+a11y lint, median (target <= 5)', percentile(coreTimes, 50), 'ms');
    report('content+structure+links+a11y lint, p95', percentile(coreTimes, 95), 'ms');
    report('content+structure+links+a11y lint, CPU time per run', cpuPerRun(100, () => lint(input, core)), 'ms');
    const compatTimes = await sample(100, () => lint(input, { families: ['compatibility'] }));
    report('compatibility lint, median (target <= 10)', percentile(compatTimes, 50), 'ms');
    report('compatibility lint, CPU time per run', cpuPerRun(100, () => lint(input, { families: ['compatibility'] })), 'ms');
    const allTimes = await sample(50, () => lint(input));
    report('all families, median', percentile(allTimes, 50), 'ms');

    await beside(html);

    const { dir, cleanup } = tempDir('mailbench-lint-bench-');
    try {
      const templates = readdirSync(fixtures).flatMap((sender) =>
        readdirSync(join(fixtures, sender))
          .filter((f) => f.endsWith('.html'))
          .map((f) => readFileSync(join(fixtures, sender, f), 'utf8')),
      );
      for (let i = 0; i < 1000; i++) {
        const folder = join(dir, `batch-${Math.floor(i / 100)}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, `t${i}.html`), templates[i % templates.length]!.replace('</body>', `<p>Issue ${i}</p></body>`));
      }
      const { loadavg } = await import('node:os');
      report('load average while measuring (2 cores)', loadavg()[0]!, '');
      const started = performance.now();
      const run = spawnSync(process.execPath, [bin, 'lint', '**/*.html', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, MAILBENCH_DATA_DIR: join(dir, '.data') } });
      const seconds = (performance.now() - started) / 1000;
      const files = (JSON.parse(run.stdout) as { files: unknown[] }).files.length;
      report(`CLI lint over ${files} templates (one process), wall time`, seconds, 's');
      report('CLI throughput (target >= 200)', files / seconds, 'templates/s');
      const before = process.cpuUsage();
      const inProcess = await lintFiles(['**/*.html'], dir, {});
      const used = process.cpuUsage(before);
      report('same 1,000 through lintFiles in-process, per CPU second', inProcess.reports.length / ((used.user + used.system) / 1e6), 'templates/s');
    } finally {
      cleanup();
    }
  },
};
