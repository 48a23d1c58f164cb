import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../../shared/lint/index';
import { detectEngines } from '../../electron/services/app/engines';
import { lintFiles } from '../../electron/services/lint/run';
import { projectRoot } from '../../electron/paths';
import { checkMessage, messageFor } from '../../electron/services/lint/spamassassin';
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

export const lintBench: Bench = {
  name: 'lint',
  summary: 'lint engine on a 100 KB HTML email, SpamAssassin on the same file, and the CLI over 1,000 templates',
  async run() {
    const html = email100k();
    report('test email size', html.length / 1024, 'KB');
    const input = { kind: 'html' as const, source: html };
    const core = { families: ['spam', 'structure', 'links', 'accessibility'] as const };
    for (let i = 0; i < 20; i++) lint(input);
    // Wall time suffers when other work shares the two cores; CPU time per run does not.
    const cpuPerRun = (runs: number, fn: () => unknown) => {
      const before = process.cpuUsage();
      for (let i = 0; i < runs; i++) fn();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / runs;
    };
    const coreTimes = await sample(100, () => lint(input, core));
    report('content+structure+links+a11y lint, median (target <= 5)', percentile(coreTimes, 50), 'ms');
    report('content+structure+links+a11y lint, p95', percentile(coreTimes, 95), 'ms');
    report('content+structure+links+a11y lint, CPU time per run', cpuPerRun(100, () => lint(input, core)), 'ms');
    const compatTimes = await sample(100, () => lint(input, { families: ['compatibility'] }));
    report('compatibility lint, median (target <= 10)', percentile(compatTimes, 50), 'ms');
    report('compatibility lint, CPU time per run', cpuPerRun(100, () => lint(input, { families: ['compatibility'] })), 'ms');
    const allTimes = await sample(50, () => lint(input));
    report('all families, median', percentile(allTimes, 50), 'ms');

    const engines = await detectEngines();
    if (engines.some((engine) => engine.id === 'spamassassin' && engine.present)) {
      const message = await messageFor(html, 'Bench');
      const runs: number[] = [];
      const { dir, cleanup } = tempDir();
      const home = process.env.HOME;
      process.env.HOME = dir;
      try {
        for (let i = 0; i < 3; i++) runs.push((await checkMessage(message)).elapsedMs);
      } finally {
        process.env.HOME = home;
        cleanup();
      }
      const sa = percentile(runs, 50);
      report('SpamAssassin on the same file, median of 3', sa, 'ms');
      report('SpamAssassin time / Mailbench all-family lint time', sa / percentile(allTimes, 50), 'x');
    } else report('SpamAssassin', 'not installed, no ratio');

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
