import { describe, expect, it } from 'vitest';
import { zoneDns } from '../../../electron/services/dns/source';
import { checkSpf } from '../../../electron/services/auth/spf-check';
import type { Zone } from '../../../electron/services/dns/zone';
import { parseZoneFile } from '../../../electron/services/dns/zone-file';
import { loadSuite, type SuiteCase, toZoneText } from './rfc7208-suite';

const suite = loadSuite();

/** The scenario's zone written out as a master file and read back by Mailbench's parser. */
function throughParser(test: SuiteCase): Zone {
  const zone = parseZoneFile(toZoneText(test.zone), { file: `${test.scenario}.zone` });
  for (const name of test.unresponsive) zone.markUnresponsive(name);
  return zone;
}

async function run(strict: boolean, zoneOf: (test: SuiteCase) => Zone = (test) => test.zone) {
  const misses: string[] = [];
  for (const test of suite) {
    const report = await checkSpf(zoneDns(zoneOf(test)), { ip: test.host, helo: test.helo, mailFrom: test.mailfrom, strict });
    if (!test.results.includes(report.result)) misses.push(`${test.name}: got ${report.result}, want ${test.results.join('|')}`);
  }
  return misses;
}

describe('the RFC 7208 test suite through the offline zone resolver and the SPF service', () => {
  it('holds all 203 cases', () => {
    expect(suite).toHaveLength(203);
  });

  it('passes every case in strict mode', async () => {
    expect(await run(true)).toEqual([]);
  });

  it('passes every case in strict mode when each zone goes through the RFC 1035 master-file parser first', async () => {
    expect(await run(true, throughParser)).toEqual([]);
  });

  it('passes at least the 196 cases mailauth reaches in its lenient default mode', async () => {
    const misses = await run(false);
    expect(suite.length - misses.length).toBeGreaterThanOrEqual(196);
  });

  it('turns every timed-out lookup into temperror', async () => {
    const timeouts = suite.filter((test) => ['txttimeout', 'nospftxttimeout', 'alltimeout'].includes(test.name));
    expect(timeouts).toHaveLength(3);
    for (const test of timeouts) {
      const report = await checkSpf(zoneDns(test.zone), { ip: test.host, helo: test.helo, mailFrom: test.mailfrom, strict: true });
      expect(report.result).toBe('temperror');
      expect(report.trail.some((lookup) => lookup.outcome === 'timeout')).toBe(true);
    }
  });
});
