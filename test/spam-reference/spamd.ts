/**
 * Real SpamAssassin as the reference for Mailbench's spam engine: a private `spamd -L` on loopback, offline and
 * with score set 0 (no network, no Bayes, no auto-welcomelist), and `spamc` to ask it about one message.
 *
 * The site config folder is our own: Debian's plugin load list (/etc/spamassassin/*.pre, so eval rules inside
 * `ifplugin` blocks count as they do on a stock install) plus a local.cf that turns off learning and replaces the
 * report with one machine-readable line, `_SCORE_ _TESTSSCORES(,)_`: every rule hit (zero-score ones too) with
 * its points, from one spamc call.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReferenceResult {
  score: number;
  /** Rule name to SpamAssassin's points for it, for every rule that hit. */
  hits: Map<string, number>;
}

export interface Spamd {
  port: number;
  /** `spamc -R` against this spamd. Messages are bytes: a string is sent as UTF-8. */
  check(message: Uint8Array | string): Promise<ReferenceResult>;
  /** Checks many messages, `parallel` spamc children at a time, results in input order. */
  checkAll(messages: ReadonlyArray<Uint8Array | string>, parallel?: number): Promise<ReferenceResult[]>;
  stop(): Promise<void>;
  /**
   * CPU time spamd has used so far, in ms: its own and its children's (live ones from /proc, exited ones as the
   * parent's cutime). Deltas of it time SpamAssassin's work apart from the load others put on the machine.
   */
  cpuMs(): number;
}

// Debian's .pre files do not load the AWL plugin, so its options would not even parse: they sit in an ifplugin
// block, which keeps auto-welcomelisting off should a later SpamAssassin load it by default.
const SITE_CONFIG = `use_bayes 0
bayes_auto_learn 0
ifplugin Mail::SpamAssassin::Plugin::AWL
use_auto_whitelist 0
endif
clear_report_template
report MAILBENCH_REFERENCE _SCORE_ _TESTSSCORES(,)_
`;

/** A free loopback port, asked of the kernel (port 0) and released at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Reads the one-line report local.cf asks for: `MAILBENCH_REFERENCE 3.4 RULE_A=1.2,RULE_B=2.2`. */
export function parseReferenceReport(output: string): ReferenceResult | undefined {
  const line = /MAILBENCH_REFERENCE (-?[\d.]+) ?(\S*)/.exec(output.replace(/\r?\n[ \t]+/g, ' '));
  if (!line) return undefined;
  const hits = new Map<string, number>();
  for (const item of line[2]!.split(',')) {
    const pair = /^([A-Za-z0-9_]+)=(-?[\d.]+)$/.exec(item);
    if (pair) hits.set(pair[1]!, Number(pair[2]));
  }
  return { score: Number(line[1]), hits };
}

/** SpamAssassin's default report (`spamc -R`): the total line and each `points RULE description` row. */
function standardReport(output: string): ReferenceResult | undefined {
  const head = /^(-?[\d.]+)\/(-?[\d.]+)\s*$/m.exec(output);
  if (!head) return undefined;
  const hits = new Map<string, number>();
  for (const row of output.matchAll(/^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s/gm)) hits.set(row[2]!, Number(row[1]));
  return { score: Number(head[1]), hits };
}

/** utime+stime (and, with children, cutime+cstime) of a process from /proc/PID/stat, in clock ticks. */
function ticks(pid: number, withChildren: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based, proc(5)).
    const at = (n: number) => Number(fields[n - 3]);
    return at(14) + at(15) + (withChildren ? at(16) + at(17) : 0);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // Gone between readdir and read.
    }
  }
  return out;
}

/** Clock ticks per second for /proc times: 100 on Linux (USER_HZ), which getconf would confirm. */
const USER_HZ = 100;

function run(command: string, args: string[], input: Uint8Array | string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

export interface StartOptions {
  port?: number;
  /** Child processes spamd keeps (`-m`); two cores here. */
  children?: number;
  /** How long to wait for spamd to answer, in ms. */
  readyWithinMs?: number;
  /**
   * `reference` (default): the one-line report check() reads. `standard`: SpamAssassin's own report, as a spamd
   * the user runs would print it (for tests of Mailbench's spamcheck against a running spamd).
   */
  report?: 'reference' | 'standard';
}

/** Starts `spamd -L -x` on a private loopback port and waits until it answers (bounded). */
export async function startSpamd(options: StartOptions = {}): Promise<Spamd> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'mailbench-spamd-'));
  // Started as root, spamd's children run as nobody: mkdtemp's 0700 would hide the config from them.
  chmodSync(dir, 0o755);
  for (const name of readdirSync('/etc/spamassassin')) if (name.endsWith('.pre')) copyFileSync(join('/etc/spamassassin', name), join(dir, name));
  writeFileSync(join(dir, 'local.cf'), options.report === 'standard' ? SITE_CONFIG.slice(0, SITE_CONFIG.indexOf('clear_report_template')) : SITE_CONFIG);
  const log: string[] = [];
  // Under setpriv --pdeathsig, spamd gets SIGTERM when this process dies, even by SIGKILL: no stray spamd keeps
  // a port and two children after an interrupted test or bench. setpriv execs spamd, so child.pid is spamd's.
  const child: ChildProcess = spawn(
    'setpriv',
    ['--pdeathsig', 'SIGTERM', 'spamd', '-L', '-x', `--siteconfigpath=${dir}`, '-i', `127.0.0.1:${port}`, '-A', '127.0.0.1', '-m', String(options.children ?? 2), '--min-spare=1', '--max-spare=2', '-s', 'stderr', '--pidfile', join(dir, 'spamd.pid')],
    // HOME in the temp folder: SpamAssassin creates ~/.spamassassin on start.
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: dir, PATH: `${process.env.PATH ?? ''}:/usr/sbin` } },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    if (log.length < 200) log.push(chunk.toString('utf8'));
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const spamcArgs = ['-d', '127.0.0.1', '-p', String(port), '-x', '-R', '-s', '30000000', '-t', '120'];
  const check = async (message: Uint8Array | string): Promise<ReferenceResult> => {
    const output = await run('spamc', spamcArgs, message, 180_000);
    const parsed = options.report === 'standard' ? standardReport(output.stdout) : parseReferenceReport(output.stdout);
    if (!parsed) throw new Error(`spamc on port ${port} gave no report (exit ${output.code}): ${(output.stderr || output.stdout).slice(0, 300)}`);
    return parsed;
  };

  // Ready: spamd compiles its rules for several seconds before it listens. Poll with a tiny message, bounded.
  const deadline = Date.now() + (options.readyWithinMs ?? 90_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`spamd exited before it was ready: ${log.join('').slice(-800)}`);
    }
    try {
      await check('Subject: ready\n\nready\n');
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`spamd on port ${port} was not ready in time: ${log.join('').slice(-800)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const checkAll = async (messages: ReadonlyArray<Uint8Array | string>, parallel = 2) => {
    const results: ReferenceResult[] = new Array(messages.length);
    let next = 0;
    const worker = async () => {
      while (next < messages.length) {
        const index = next++;
        results[index] = await check(messages[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, messages.length) }, worker));
    return results;
  };
  const cpuMs = () => {
    const pid = child.pid;
    if (pid === undefined) return 0;
    const total = ticks(pid, true) + childrenOf(pid).reduce((sum, kid) => sum + ticks(kid, true), 0);
    return (total * 1000) / USER_HZ;
  };
  return { port, check, checkAll, stop, cpuMs };
}
