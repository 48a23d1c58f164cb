import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/contract/errors';
import { lint, type LintInput } from '../../../shared/lint/index';
import { wrapTemplate } from '../../../shared/mail/wrap';

export interface SpamHit {
  rule: string;
  score: number;
  description: string;
  /** Line in the linted file, when Mailbench's port of the same rule found where it fires. */
  line?: number;
}

export interface SpamCheck {
  engine: 'spamc' | 'spamassassin';
  /** Which SpamAssassin answered, for people: `spamd on port 783` or `cold spamassassin -L`. */
  answeredBy: string;
  /** The spamd port that answered (engine spamc). */
  port?: number;
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

/** SpamAssassin's own default spamd port. */
export const DEFAULT_SPAMD_PORT = 783;

/**
 * Where to look for a running spamd: the port setting when given, else env SPAMD_PORT, else 783. A SPAMD_PORT
 * that is not a port is an error naming it, not a silent fall back to 783.
 */
export function spamdPort(setting?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (setting !== undefined) return setting;
  const raw = env.SPAMD_PORT?.trim();
  if (raw === undefined || raw === '') return DEFAULT_SPAMD_PORT;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new AppError('invalid_input', `SPAMD_PORT=${JSON.stringify(raw.slice(0, 40))} is not a port number.`, { hint: 'Set SPAMD_PORT to the port spamd listens on (1-65535), or unset it to use 783.' });
  }
  return port;
}

function runWith(command: string, args: string[], input: string | Uint8Array, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

export interface CheckOptions {
  /** The spamd port setting; see spamdPort(). */
  port?: number;
  timeoutMs?: number;
}

/**
 * Runs a message (its bytes, unchanged) through a spamd on loopback when one answers on the configured port, else
 * through a cold `spamassassin -L` (local tests only, no network; about 10 s), and says which one answered.
 */
export async function checkMessage(message: string | Uint8Array, options: CheckOptions = {}): Promise<SpamCheck> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = spamdPort(options.port);
  const started = performance.now();
  let engine: SpamCheck['engine'] = 'spamc';
  let output: { code: number | null; stdout: string; stderr: string } | undefined;
  try {
    // -x: fail instead of passing the message through unscanned when spamd is not reachable; one connection
    // attempt, so a missing spamd costs milliseconds, not spamc's three tries a second apart.
    output = await runWith('spamc', ['-d', '127.0.0.1', '-p', String(port), '-x', '-R', '--connect-retries=1'], message, timeoutMs);
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
  const answeredBy = engine === 'spamc' ? `spamd on port ${port}` : 'cold spamassassin -L';
  const parsed = parseReport(output.stdout);
  if (!parsed) {
    throw new AppError('unavailable', `SpamAssassin (${answeredBy}) gave no report.`, { hint: `Its output began: ${(output.stderr || output.stdout).slice(0, 200).trim()}` });
  }
  return { engine, answeredBy, ...(engine === 'spamc' ? { port } : {}), ...parsed, isSpam: parsed.score >= parsed.threshold, elapsedMs: performance.now() - started };
}

export interface SpamcheckOptions extends CheckOptions {
  /** Subject for a template; by default its <title>, else a neutral one (shared/mail/wrap.ts). */
  subject?: string;
  /** The .eml file's bytes: sent unchanged (8-bit bodies and their charsets intact) instead of `input.source`. */
  bytes?: Uint8Array;
}

/**
 * SpamAssassin over a template or message, with each hit placed on a source line where Mailbench's engine found
 * the same rule. Templates are wrapped exactly as the in-process engine wraps them, so the wrapper adds no hits.
 */
export async function spamcheck(input: LintInput, options: SpamcheckOptions = {}): Promise<SpamCheck> {
  const message = input.kind === 'eml' ? (options.bytes ?? input.source) : wrapTemplate(input.kind === 'mjml' ? input.compiledHtml : input.source, options.subject ? { subject: options.subject } : {});
  const result = await checkMessage(message, options);
  const located = new Map(lint(input, { families: ['spam'] }).findings.map((f) => [f.rule, f.range?.startLine]));
  return { ...result, hits: result.hits.map((hit) => (located.get(hit.rule) ? { ...hit, line: located.get(hit.rule)! } : hit)) };
}
