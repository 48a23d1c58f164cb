import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { authenticate } from 'mailauth';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { tempDir } from './temp';

/**
 * A real receiving side for seed tests, on loopback only:
 *   smtp-server (the "MX")  --LMTP-->  Dovecot (IMAP mailboxes with a \Junk folder)
 * The receiver stamps Authentication-Results with mailauth (DNS answered from `dns`),
 * marks chosen recipients as spam (a Sieve rule files them into Junk) and answers 250
 * only after Dovecot stored the message, so a test never has to poll for delivery.
 * Fault modes make it misbehave the way real MXes do.
 */

export interface Mailbox {
  address: string;
  password: string;
}

export interface Faults {
  /** Answer this code (421 or 451) to MAIL FROM for the first N transactions. */
  tempFailFirst?: { code: 421 | 451; count: number };
  /** After this many accepted messages, drop the connection of the next DATA once, without a reply (nothing stored). */
  dropAfterAccepted?: number;
  /** Drop the connection at the first MAIL FROM, once: before any of the message was sent. */
  dropBeforeData?: boolean;
  /**
   * For messages to these recipients: store the message in Dovecot, then destroy the connection
   * instead of answering 250, once per recipient (a receiver that crashes or times out after
   * committing the message: the sender never learns that it was delivered).
   */
  storeThenDrop?: string[];
  /** Recipients answered with 550 at RCPT TO. */
  rejectRecipients?: string[];
  /** Wait this long before answering each DATA (to kill a client mid-run). */
  dataDelayMs?: number;
  /** Accept mail for these recipients with 250 but hold it until `release()`: a slow provider. */
  holdRecipients?: string[];
  /** Remove X-Mailbench-Test-Id before storing for these recipients, as a rewriting gateway might. */
  stripTestIdFor?: string[];
}

export interface ReceiverOptions {
  mailboxes: Mailbox[];
  /** Recipients whose copies the receiver's "filter" sends to Junk. */
  spamRecipients?: string[];
  faults?: Faults;
  /** Require SMTP AUTH with exactly these credentials (else any client may send). */
  auth?: { user: string; pass: string };
  /** DNS the receiver's authentication checks see: `name TYPE` → records in dns.promises shapes. */
  dns?: Record<string, string[] | string[][]>;
}

export interface Delivery {
  recipient: string;
  testId?: string;
  queueId: string;
  size: number;
}

export interface MailServers {
  smtpPort: number;
  imapPort: number;
  host: '127.0.0.1';
  /** Messages Dovecot stored, in order. */
  deliveries: Delivery[];
  /** Transient and permanent refusals the receiver answered (for counting retries). */
  refusals: Array<{ code: number; stage: 'mail' | 'rcpt' | 'data' }>;
  drops: number;
  faults: Faults;
  /** Credentials clients logged in with, to check what the sender sent. */
  logins: Array<{ user: string; pass: string }>;
  /** Delivers the messages held by `holdRecipients`. */
  release(): Promise<void>;
  /** Messages the receiver has in full and has not answered yet (held by `dataDelayMs`, or being relayed). */
  readonly receiving: number;
  /** Resolves when no message is being received or relayed. */
  settled(): Promise<void>;
  dovecotLog(): string;
  stop(): Promise<void>;
}

const SIEVE = `require ["fileinto"];
if header :is "X-Harness-Verdict" "spam" {
  fileinto "Junk";
  stop;
}
`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function dovecotConfig(dir: string, imapPort: number, lmtpPort: number, greeting: string): string {
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.info.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_greeting = ${greeting}
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
protocol lmtp {
  mail_plugins = sieve
}
plugin {
  sieve = file:${dir}/sieve;active=${dir}/sieve/active.sieve
  sieve_before = ${dir}/before.sieve
}
`;
}

async function startDovecot(dir: string, mailboxes: Mailbox[]) {
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  const greeting = `mailbench-harness-${process.pid}-${imapPort}`;
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'sieve']) mkdirSync(join(dir, sub), { mode: 0o755 });
  chmodSync(join(dir, 'mail'), 0o777);
  writeFileSync(join(dir, 'users'), mailboxes.map((m) => `${m.address}:{PLAIN}${m.password}::::::`).join('\n') + '\n', { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  writeFileSync(config, dovecotConfig(dir, imapPort, lmtpPort, greeting), { mode: 0o644 });
  writeFileSync(join(dir, 'before.sieve'), SIEVE, { mode: 0o644 });
  execFileSync('sievec', ['-c', config, join(dir, 'before.sieve')], { stdio: 'pipe' });
  chmodSync(join(dir, 'before.svbin'), 0o644);
  const child: ChildProcess = spawn('setpriv', ['--pdeathsig', 'SIGTERM', 'dovecot', '-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForGreeting(imapPort, greeting, () => output);
  return {
    imapPort,
    lmtpPort,
    log: () => readOr(join(dir, 'dovecot.log')),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Connects until the IMAP greeting is ours (not a stale Dovecot's), for at most 10 s. */
async function waitForGreeting(port: number, greeting: string, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt++) {
    const line = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
      socket.once('error', () => resolve(''));
      socket.once('timeout', () => {
        resolve('');
        socket.destroy();
      });
    });
    if (line.includes(greeting)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Dovecot did not answer with its greeting on port ${port}:\n${output()}`);
}

/** Starts Dovecot and the SMTP receiver in front of it. Stop both with `stop()`. */
export async function startMailServers(options: ReceiverOptions): Promise<MailServers> {
  const temp = tempDir('mailbench-mail-');
  const dovecot = await startDovecot(temp.dir, options.mailboxes);
  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: dovecot.lmtpPort, lmtp: true, pool: true, maxConnections: 2, ignoreTLS: true });
  const faults: Faults = { ...options.faults };
  const spam = new Set((options.spamRecipients ?? []).map((a) => a.toLowerCase()));
  const reject = () => new Set((faults.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const known = new Set(options.mailboxes.map((m) => m.address.toLowerCase()));
  const state: Pick<MailServers, 'deliveries' | 'refusals' | 'drops'> = { deliveries: [], refusals: [], drops: 0 };
  const logins: MailServers['logins'] = [];
  const held: Array<{ from: string; address: string; raw: Buffer; queueId: string; testId?: string }> = [];
  const hold = () => new Set((faults.holdRecipients ?? []).map((a) => a.toLowerCase()));
  let inFlight = 0;
  /** Of those, messages received in full and not answered yet. */
  let unanswered = 0;
  let transactions = 0;
  let dropped = false;
  let droppedBeforeData = false;
  const storedThenDropped = new Set<string>();
  let queueSeq = 0;
  const resolver = async (name: string, type: string) => {
    const found = options.dns?.[`${name.toLowerCase()} ${type}`];
    if (found) return found;
    throw Object.assign(new Error(`${name} ${type} not found`), { code: 'ENOTFOUND' });
  };

  const refuse = (code: number, stage: 'mail' | 'rcpt' | 'data', text: string) => {
    state.refusals.push({ code, stage });
    return Object.assign(new Error(text), { responseCode: code });
  };

  const smtp = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.pass)) {
        return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (faults.dropBeforeData && !droppedBeforeData) {
        droppedBeforeData = true;
        state.drops++;
        return destroyConnection(session);
      }
      transactions++;
      const fail = faults.tempFailFirst;
      if (fail && transactions <= fail.count) return callback(refuse(fail.code, 'mail', '4.3.2 Try again later (harness)'));
      callback();
    },
    onRcptTo(address, _session, callback) {
      const rcpt = address.address.toLowerCase();
      if (reject().has(rcpt)) return callback(refuse(550, 'rcpt', '5.1.1 No such user here (harness)'));
      if (!known.has(rcpt)) return callback(refuse(550, 'rcpt', '5.1.1 Unknown mailbox'));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      inFlight++;
      void receive(stream, session).finally(() => inFlight--).then(
        (queueId) => callback(null, `Ok: queued as ${queueId}`),
        (error: Error & { responseCode?: number }) => {
          if (error.message === 'drop') return;
          callback(error);
        },
      );
    },
  });

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await buffer(stream);
    unanswered++;
    try {
      return await answer(raw, session);
    } finally {
      unanswered--;
    }
  }

  async function answer(raw: Buffer, session: SMTPServerSession): Promise<string> {
    if (faults.dataDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.dataDelayMs));
    if (faults.dropAfterAccepted !== undefined && !dropped && state.deliveries.length >= faults.dropAfterAccepted) {
      dropped = true;
      state.drops++;
      destroyConnection(session);
      throw new Error('drop');
    }
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const auth = await authenticate(raw, {
      ip: '127.0.0.1',
      helo: session.hostNameAppearsAs || 'localhost',
      sender: from,
      mta: 'mx.harness.test',
      resolver,
    });
    const queueId = `HQ${String(++queueSeq).padStart(6, '0')}`;
    const testId = /^X-Mailbench-Test-Id:\s*(\S+)/im.exec(raw.toString('latin1'))?.[1];
    for (const rcpt of session.envelope.rcptTo) {
      const address = rcpt.address.toLowerCase();
      const stamped = Buffer.concat([Buffer.from(auth.headers), raw]);
      if (hold().has(address)) held.push({ from, address, raw: stamped, queueId, ...(testId ? { testId } : {}) });
      else await deliver(from, address, stamped, queueId, testId);
    }
    const dropFor = (faults.storeThenDrop ?? []).map((a) => a.toLowerCase()).filter((a) => !storedThenDropped.has(a));
    const stored = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()).filter((a) => dropFor.includes(a));
    if (stored.length > 0) {
      for (const address of stored) storedThenDropped.add(address);
      state.drops++;
      destroyConnection(session);
      throw new Error('drop');
    }
    return queueId;
  }

  async function deliver(from: string, address: string, stamped: Buffer, queueId: string, testId: string | undefined): Promise<void> {
    const verdict = spam.has(address) ? 'spam' : 'ham';
    const strip = (faults.stripTestIdFor ?? []).map((a) => a.toLowerCase()).includes(address);
    const stored = strip ? Buffer.from(stamped.toString('latin1').replace(/^X-Mailbench-Test-Id:[^\r\n]*\r?\n/im, ''), 'latin1') : stamped;
    await lmtp.sendMail({ envelope: { from, to: [address] }, raw: Buffer.concat([Buffer.from(`X-Harness-Verdict: ${verdict}\r\n`), stored]) });
    state.deliveries.push({ recipient: address, queueId, size: stamped.length, ...(testId ? { testId } : {}) });
  }

  /** smtp-server keeps its sockets private; a test that wants a dropped connection reaches in once. */
  function destroyConnection(session: SMTPServerSession): void {
    const open = (smtp as unknown as { connections: Set<{ session: SMTPServerSession; _socket: { destroy(): void } }> }).connections;
    for (const connection of open) if (connection.session === session) connection._socket.destroy();
  }

  // A client killed mid-session resets its connection; smtp-server reports that as an 'error' event.
  smtp.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', () => resolve()));

  return {
    host: '127.0.0.1',
    smtpPort,
    imapPort: dovecot.imapPort,
    get deliveries() {
      return state.deliveries;
    },
    get refusals() {
      return state.refusals;
    },
    get drops() {
      return state.drops;
    },
    get receiving() {
      return unanswered;
    },
    faults,
    logins,
    async release() {
      for (const message of held.splice(0)) await deliver(message.from, message.address, message.raw, message.queueId, message.testId);
    },
    async settled() {
      for (let i = 0; i < 200 && inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    },
    dovecotLog: dovecot.log,
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      lmtp.close();
      await dovecot.stop();
      temp.cleanup();
    },
  };
}

