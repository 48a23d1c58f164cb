import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { promises as dns } from 'node:dns';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp';

export interface Nsd {
  /** `127.0.0.1:PORT`, what --dns and `mode: 'server'` take. */
  server: string;
  log(): string;
  stop(): Promise<void>;
}

/** Whether a TCP listener can take the port on loopback right now. */
function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port free on loopback for UDP and for TCP alike: nsd listens on both with the same number. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    const free = await tcpFree(port);
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (free) return port;
  }
  throw new Error('No port on 127.0.0.1 was free for both UDP and TCP in 20 tries.');
}

/** Another process may take the port between freePort() and nsd's bind: nsd then says so and exits. */
const PORT_TAKEN = /Address already in use/;

/**
 * Debian's NSD as a real authoritative server on 127.0.0.1, serving the given zones from its
 * own config, pid and state files in a temp folder. It dies with the test runner (pdeathsig)
 * and is stopped by its pid.
 */
export async function startNsd(zones: Record<string, string>): Promise<Nsd> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNsdOn(await freePort(), zones);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !PORT_TAKEN.test(error.message)) throw error;
    }
  }
}

async function startNsdOn(port: number, zones: Record<string, string>): Promise<Nsd> {
  const { dir, cleanup } = tempDir('mailbench-nsd-');
  const zoneBlocks = Object.entries(zones).map(([name, text]) => {
    // the root zone "." serves names of every domain at once (the RFC 7208 suite's scenarios)
    const file = `${name === '.' ? 'root' : name}.zone`;
    writeFileSync(join(dir, file), text);
    return `zone:\n  name: "${name}"\n  zonefile: "${file}"\n`;
  });
  const config = join(dir, 'nsd.conf');
  writeFileSync(
    config,
    [
      'server:',
      `  ip-address: 127.0.0.1@${port}`,
      `  port: ${port}`,
      '  username: ""',
      '  chroot: ""',
      `  zonesdir: "${dir}"`,
      '  database: ""',
      `  pidfile: "${dir}/nsd.pid"`,
      `  xfrdfile: "${dir}/xfrd.state"`,
      `  xfrdir: "${dir}"`,
      `  zonelistfile: "${dir}/zone.list"`,
      `  logfile: "${dir}/nsd.log"`,
      '  server-count: 1',
      '  hide-version: yes',
      'remote-control:',
      '  control-enable: no',
      ...zoneBlocks,
    ].join('\n'),
  );
  const child: ChildProcess = spawn('setpriv', ['--pdeathsig', 'SIGTERM', 'nsd', '-d', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return output + readFileSync(join(dir, 'nsd.log'), 'utf8');
    } catch {
      return output;
    }
  };
  const server = `127.0.0.1:${port}`;
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  const [probeZone] = Object.keys(zones);
  let ready = false;
  for (let attempt = 0; attempt < 50 && !ready && child.exitCode === null; attempt++) {
    try {
      await resolver.resolveSoa(probeZone!);
      ready = true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    cleanup();
  };
  if (!ready) {
    const text = log();
    await stop();
    throw new Error(`nsd did not answer for ${probeZone} on ${server}:\n${text}`);
  }
  return { server, log, stop };
}

/** A UDP "server" that reads queries and never answers: what a dead or firewalled resolver looks like. */
export async function startSilentServer(): Promise<{ server: string; stop(): Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', () => {});
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { server: `127.0.0.1:${socket.address().port}`, stop: () => new Promise((resolve) => socket.close(() => resolve())) };
}
