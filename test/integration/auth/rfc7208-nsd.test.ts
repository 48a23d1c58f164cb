import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { normalizeName } from '../../../electron/services/dns/zone';
import { tempDir } from '../../support/temp';
import { loadSuite, type SuiteCase, toZoneText } from '../../unit/auth/rfc7208-suite';
import { startNsd } from './nsd';

const suite = loadSuite();
const data = tempDir();
afterAll(() => data.cleanup());

/**
 * A loopback relay in front of NSD that never answers the questions the suite marks TIMEOUT
 * (a name with no data of the asked type): NSD itself always answers, and a real server that
 * times out is what those cases are about.
 */
async function startDroppingRelay(upstream: string, timeouts: ReadonlySet<string>): Promise<{ server: string; stop(): Promise<void> }> {
  const [host, port] = upstream.split(':') as [string, string];
  const socket = createSocket('udp4');
  const upstreams = new Set<Socket>();
  socket.on('message', (query, client) => {
    const up = createSocket('udp4');
    upstreams.add(up);
    const close = () => {
      upstreams.delete(up);
      up.close();
    };
    up.on('message', (answer) => {
      close();
      const response = packet.decode(answer);
      const asked = response.questions?.[0];
      const empty = !(response.answers ?? []).some((record) => record.type === asked?.type);
      if (asked && empty && timeouts.has(normalizeName(asked.name))) return;
      socket.send(answer, client.port, client.address);
    });
    up.send(query, Number(port), host);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    stop: async () => {
      for (const up of upstreams) up.close();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

const ROOT_APEX = '. 3600 IN SOA ns.test. hostmaster.test. 1 3600 900 604800 300\n. 3600 IN NS ns.test.\n';

async function spfCli(args: string[]): Promise<{ result?: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  await runCli(['spf', ...args, '--json'], { out: (text) => out.push(text), err: (text) => err.push(text), isTty: false, env: {}, cwd: data.dir });
  return { stderr: err.join('\n'), ...(out.length ? { result: (JSON.parse(out.join('\n')) as { result: string }).result } : {}) };
}

describe('the RFC 7208 suite through `mailbench spf --dns` against NSD on loopback', () => {
  it('passes 203 of 203: each scenario served by NSD as a root zone, its TIMEOUT names never answered', async () => {
    const scenarios = new Map<string, SuiteCase[]>();
    for (const test of suite) scenarios.set(test.scenario, [...(scenarios.get(test.scenario) ?? []), test]);
    const misses: string[] = [];
    for (const tests of scenarios.values()) {
      const first = tests[0]!;
      const nsd = await startNsd({ '.': ROOT_APEX + toZoneText(first.zone) });
      const relay = await startDroppingRelay(nsd.server, new Set(first.unresponsive.map(normalizeName)));
      try {
        for (const test of tests) {
          const run = await spfCli(['--ip', test.host, '--helo', test.helo, '--mail-from', test.mailfrom, '--dns', relay.server, '--strict']);
          if (!run.result || !test.results.includes(run.result)) misses.push(`${test.name}: got ${run.result ?? run.stderr}, want ${test.results.join('|')}`);
        }
        expect(nsd.log()).not.toMatch(/error/i);
      } finally {
        await relay.stop();
        await nsd.stop();
      }
    }
    expect(misses).toEqual([]);
    expect(suite).toHaveLength(203);
  });
});
