import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../../electron/paths';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { percentile, report } from './measure';

const root = projectRoot();
const cli = resolve(root, 'dist/cli.mjs');
const FILES = 1000;
/** The first files again, in their own folder: a run over them pays the same start-up and warm-up as over all. */
const HEAD = 100;
const ROUNDS = 2;

/** The real templates: the HTML fixtures (Postmark, Cerberus, Lee Munroe) and the MJML starters. */
function realTemplates(): Array<{ name: string; source: string }> {
  const fixtures = resolve(root, 'test/fixtures/templates');
  const html = (readdirSync(fixtures, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort().map((f) => join(fixtures, f));
  const starters = resolve(root, 'resources/starters');
  const mjml = readdirSync(starters).filter((f) => f.endsWith('.mjml')).sort().map((f) => join(starters, f));
  return [...html, ...mjml].map((file) => ({ name: basename(file), source: readFileSync(file, 'utf8') }));
}

/**
 * Each copy differs from every other by a comment naming its number (inside mj-body for MJML), so no two
 * files share a lint: the figure is the workers', not the per-run cache's.
 */
function variant(template: { name: string; source: string }, n: number): string {
  const mark = `<!-- bench variant ${n} -->`;
  if (template.name.endsWith('.mjml')) return template.source.replace('</mj-body>', `<mj-raw>${mark}</mj-raw></mj-body>`);
  return template.source.replace(/<\/body>/i, `${mark}</body>`);
}

/** Wall seconds and CPU seconds (user + system, every thread) of one `mailbench lint '*'` process in dir. */
function lintRun(dir: string, jobs: number): { wall: number; cpu: number; files: number } {
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='%3R %3U %3S'; time node '${cli}' lint '*' --format json --jobs ${jobs} > out-${jobs}.json 2>/dev/null`], { cwd: dir, encoding: 'utf8' });
  const [wall, user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  const files = (JSON.parse(readFileSync(join(dir, `out-${jobs}.json`), 'utf8')) as { files: unknown[] }).files.length;
  return { wall: wall!, cpu: user! + system!, files };
}

export const lintCli: Bench = {
  name: 'lint-cli',
  summary: `mailbench lint over ${FILES} real HTML and MJML templates (distinct variants): one thread vs one worker per core, alternating, median of ${ROUNDS} rounds; CPU split into what a run pays once and per file (from a run over the first ${HEAD})`,
  async run() {
    const work = tempDir('mailbench-bench-lint-cli-');
    try {
      const templates = realTemplates();
      const head = join(work.dir, 'head');
      mkdirSync(head);
      for (let n = 0; n < FILES; n++) {
        const template = templates[n % templates.length]!;
        const name = `${String(n).padStart(4, '0')}-${template.name}`;
        writeFileSync(join(work.dir, name), variant(template, n));
        if (n < HEAD) writeFileSync(join(head, name), variant(template, n));
      }
      const cores = availableParallelism();
      const contenders = [1, cores];
      const samples = new Map(contenders.map((jobs) => [jobs, [] as Array<ReturnType<typeof lintRun>>]));
      const headSamples = new Map(contenders.map((jobs) => [jobs, [] as Array<ReturnType<typeof lintRun>>]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const jobs of round % 2 === 0 ? contenders : [...contenders].reverse()) {
          samples.get(jobs)!.push(lintRun(work.dir, jobs));
          headSamples.get(jobs)!.push(lintRun(head, jobs));
        }
      }
      const mjml = templates.filter((t) => t.name.endsWith('.mjml')).length;
      report('templates', `${FILES} files from ${templates.length} real ones (${mjml} MJML), ${cores} cores`);
      const rate = (jobs: number) => FILES / percentile(samples.get(jobs)!.map((s) => s.wall), 50);
      for (const jobs of contenders) {
        const runs = samples.get(jobs)!;
        if (runs.some((run) => run.files !== FILES)) throw new Error(`mailbench lint --jobs ${jobs} reported ${runs.map((run) => run.files).join(', ')} files, not ${FILES}.`);
        const headRuns = headSamples.get(jobs)!;
        if (headRuns.some((run) => run.files !== HEAD)) throw new Error(`mailbench lint --jobs ${jobs} reported ${headRuns.map((run) => run.files).join(', ')} files, not ${HEAD}.`);
        const label = jobs === 1 ? '--jobs 1 (one thread, the baseline)' : `--jobs ${jobs} (default: one worker per core)`;
        report(`${label}: files/s, median wall`, rate(jobs), jobs === 1 ? 'files/s' : `files/s (${(rate(jobs) / rate(1)).toFixed(2)}x one thread; target 200)`);
        report(`${label}: CPU per file, median`, (percentile(runs.map((s) => s.cpu), 50) / FILES) * 1000, 'ms');
        // Where the CPU goes: the files past the first HEAD cost the steady rate; what the run over the first
        // HEAD costs beyond that rate is paid once per run (process and worker start-up, engine and mjml load,
        // spam rule compile, JIT warm-up), once per worker with --jobs.
        const headCpu = percentile(headRuns.map((s) => s.cpu), 50);
        const steady = (percentile(runs.map((s) => s.cpu), 50) - headCpu) / (FILES - HEAD);
        report(`${label}: CPU per file past the first ${HEAD} (steady)`, steady * 1000, 'ms');
        report(`${label}: CPU paid once per run (start-up, warm-up)`, headCpu - steady * HEAD, 's');
      }
    } finally {
      work.cleanup();
    }
  },
};
