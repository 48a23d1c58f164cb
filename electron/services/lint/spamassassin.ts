import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/contract/errors';
import { lint, type LintInput } from '../../../shared/lint/index';
import { exportEml } from '../editor/export';
import { textPartOf } from '../../../shared/mail/text-part';

export interface SpamHit {
  rule: string;
  score: number;
  description: string;
  /** Line in the linted file, when Mailbench's port of the same rule found where it fires. */
  line?: number;
}

export interface SpamCheck {
  engine: 'spamc' | 'spamassassin';
  score: number;
  threshold: number;
  isSpam: boolean;
  hits: SpamHit[];
  /** How long SpamAssassin took, in milliseconds. */
  elapsedMs: number;
}

const notInstalled = () =>
  new AppError('unavailable', 'SpamAssassin is not installed, so the real engine cannot run.', {
    hint: 'Install it (Debian/Ubuntu: apt install spamassassin spamc; macOS: brew install spamassassin). Mailbench\'s own spam rules keep working without it.',
  });

function runWith(command: string, args: string[], input: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    // Our own timer, not spawn's `timeout`: that one is never cleared when the command does not exist.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Reads SpamAssassin's "Content analysis details" table (both spamc -R and spamassassin -t print it). */
export function parseReport(report: string): { score: number; threshold: number; hits: SpamHit[] } | undefined {
  const head = /Content analysis details:\s+\((-?[\d.]+) points?, (-?[\d.]+) required\)/.exec(report) ?? /^(-?[\d.]+)\/(-?[\d.]+)\s*$/m.exec(report);
  if (!head) return undefined;
  const hits: SpamHit[] = [];
  const table = report.slice(report.indexOf('---- ---'));
  for (const line of table.split('\n').slice(1)) {
    const row = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    if (row) hits.push({ score: Number(row[1]), rule: row[2]!, description: row[3]!.trim() });
    else if (/^\s{20,}\S/.test(line) && hits.length) hits.at(-1)!.description += ` ${line.trim()}`;
    else if (line.trim() === '' && hits.length) break;
  }
  return { score: Number(head[1]), threshold: Number(head[2]), hits };
}

/** Runs a message through spamd (spamc) when one is running, else `spamassassin -L` (local tests only, no network). */
export async function checkMessage(message: string, timeoutMs = 60_000): Promise<SpamCheck> {
  const started = performance.now();
  let engine: SpamCheck['engine'] = 'spamc';
  let output: { code: number | null; stdout: string; stderr: string } | undefined;
  try {
    // -x: fail instead of passing the message through unscanned when spamd is not reachable.
    output = await runWith('spamc', ['-x', '-R'], message, timeoutMs);
    if (output.code !== 0 && output.code !== 1) output = undefined;
  } catch {
    output = undefined;
  }
  if (!output) {
    engine = 'spamassassin';
    try {
      output = await runWith('spamassassin', ['-L', '-t'], message, timeoutMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notInstalled();
      throw error;
    }
  }
  const parsed = parseReport(output.stdout);
  if (!parsed) {
    throw new AppError('unavailable', `SpamAssassin (${engine}) gave no report.`, { hint: `Its output began: ${(output.stderr || output.stdout).slice(0, 200).trim()}` });
  }
  return { engine, ...parsed, isSpam: parsed.score >= parsed.threshold, elapsedMs: performance.now() - started };
}

/** Wraps a template in a multipart/alternative message the way the seed sender would, so SpamAssassin sees real headers. */
export async function messageFor(html: string, subject: string): Promise<string> {
  const built = await exportEml({ html, text: textPartOf(html), subject, from: 'Mailbench check <check@mailbench.invalid>', to: 'inbox@mailbench.invalid' });
  return built.content;
}

/** SpamAssassin over a template or message, with each hit placed on a source line where Mailbench's port of the rule fired. */
export async function spamcheck(input: LintInput, subject = 'Mailbench spam check'): Promise<SpamCheck> {
  const message = input.kind === 'eml' ? input.source : await messageFor(input.kind === 'mjml' ? input.compiledHtml : input.source, subject);
  const result = await checkMessage(message);
  const located = new Map(lint(input, { families: ['spam'] }).findings.map((f) => [f.rule, f.range?.startLine]));
  return { ...result, hits: result.hits.map((hit) => (located.get(hit.rule) ? { ...hit, line: located.get(hit.rule)! } : hit)) };
}
