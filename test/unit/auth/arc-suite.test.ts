import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authenticate, type DNSResolver } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { zoneDns } from '../../../electron/services/dns/source';
import { Zone } from '../../../electron/services/dns/zone';

/**
 * The ValiMail ARC validation suite (test/fixtures/arc, MIT), every case run twice: through
 * Mailbench's message check (the service behind `mailbench auth` and the Authentication panel)
 * and through mailauth's authenticate() alone. Mailbench adds explanations on top of mailauth's
 * verdict; it must never change the verdict.
 */

interface SuiteCase {
  description?: string;
  message?: string;
  cv?: string;
}
interface Scenario {
  description: string;
  tests: Record<string, SuiteCase>;
  'txt-records'?: Record<string, string>;
}

const suite = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/arc/arc-draft-validation-tests.json', import.meta.url)), 'utf8')) as Scenario[];

/**
 * Cases where mailauth 7.1 disagrees with the suite's expected cv, and why, per mode. mailauth's
 * own suite runner skips as_format_tags_sc, as_format_tags_key_case, as_format_tags_dup,
 * as_format_inv_tag_key and ams_fields_h_empty_added; with 7.1 the last of these agrees with the
 * suite (the added MIME-Version breaks the AMS), ams_fields_h_empty differs instead, and the
 * strict mode (RFC 8617 and RFC 6376 syntax applied exactly) agrees on the four ARC-Seal ones.
 */
const hEmpty = 'the AMS has an empty h=; the suite expects pass, mailauth 7.1 refuses a signature that does not sign From (RFC 6376 5.4) and the chain fails';
const explained: Record<'lenient' | 'strict', ReadonlyMap<string, string>> = {
  lenient: new Map([
    ['as_format_tags_sc', 'the ARC-Seal has an extra semicolon (s=dummy;;); the suite wants it rejected, lenient mailauth reads the empty tag as nothing and the seal verifies'],
    ['as_format_tags_key_case', 'the ARC-Seal writes S=dummy; the suite wants tag names lower case, lenient mailauth reads tag names case-insensitively'],
    ['as_format_tags_dup', 'the ARC-Seal has s=dummy twice; the suite wants duplicate tags rejected, lenient mailauth keeps one value'],
    ['as_format_inv_tag_key', 'the ARC-Seal carries a tag named "_"; the suite wants an invalid tag name rejected, lenient mailauth ignores it'],
    ['ams_fields_h_empty', hEmpty],
  ]),
  strict: new Map([
    ['ams_fields_c_na', 'the AMS has no c=; the suite defaults it to simple/simple as DKIM does and expects pass, strict mailauth requires every AMS tag RFC 8617 lists and fails the set'],
    ['ams_fields_h_empty', hEmpty],
  ]),
};

/** The suite's DNS: the scenario's TXT records, every other name does not exist. */
function scenarioZone(records: Record<string, string> | undefined): Zone {
  const zone = new Zone();
  for (const [name, text] of Object.entries(records ?? {})) zone.add({ name: name.toLowerCase(), ttl: 3600, type: 'TXT', strings: [text] });
  return zone;
}

function scenarioResolver(records: Record<string, string> | undefined): DNSResolver {
  const byName = new Map(Object.entries(records ?? {}).map(([name, text]) => [name.toLowerCase(), text]));
  return (async (name: string, type: string) => {
    const text = byName.get(name.toLowerCase().trim());
    if (type === 'TXT' && text !== undefined) return [[text]];
    throw Object.assign(new Error(`${name} does not exist`), { code: 'ENOTFOUND' });
  }) as DNSResolver;
}

/** The suite writes cv as None/Pass/Fail; an empty cv is a chain that must fail. */
const expectedCv = (cv: string | undefined): string => (cv ?? '').toLowerCase() || 'fail';

interface Row {
  id: string;
  expected: string;
  mailauth: string;
  mailbench: string;
  mailbenchWhy: string;
}

async function runSuite(strict: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scenario of suite) {
    const zone = scenarioZone(scenario['txt-records']);
    const resolver = scenarioResolver(scenario['txt-records']);
    for (const [id, test] of Object.entries(scenario.tests)) {
      const message = Buffer.from(test.message ?? '');
      const direct = await authenticate(message, { resolver, strict });
      const report = await verifyMessage(zoneDns(zone), { message, useReceived: false, strict });
      const mailauth = (direct.arc && direct.arc.status?.result) || 'none';
      rows.push({ id, expected: expectedCv(test.cv), mailauth, mailbench: report.arc.result, mailbenchWhy: report.arc.why });
    }
  }
  return rows;
}

describe('the ValiMail ARC validation suite, per case', () => {
  it('holds 171 cases in 10 scenarios', () => {
    expect(suite).toHaveLength(10);
    expect(suite.reduce((sum, scenario) => sum + Object.keys(scenario.tests).length, 0)).toBe(171);
  });

  it.each([false, true])('Mailbench gives mailauth\'s verdict on every case, and the suite\'s on all but the explained ones (strict: %s)', async (strict) => {
    const rows = await runSuite(strict);
    const reasons = explained[strict ? 'strict' : 'lenient'];
    const lines = rows.map((row) => {
      const reason = reasons.get(row.id);
      const mark = row.mailauth === row.expected ? 'ok ' : 'DIFF';
      return `${mark} ${row.id.padEnd(30)} expected=${row.expected.padEnd(4)} mailauth=${row.mailauth.padEnd(4)} mailbench=${row.mailbench.padEnd(4)}${reason && row.mailauth !== row.expected ? `  (${reason})` : ''}`;
    });
    const agree = rows.filter((row) => row.mailauth === row.expected).length;
    console.log(`ARC suite, strict=${strict}: mailauth ${agree}/${rows.length} as expected, Mailbench ${rows.filter((row) => row.mailbench === row.expected).length}/${rows.length}\n${lines.join('\n')}`);

    expect(rows).toHaveLength(171);
    expect(rows.filter((row) => row.mailbench !== row.mailauth).map((row) => row.id)).toEqual([]);
    const differing = rows.filter((row) => row.mailauth !== row.expected).map((row) => row.id).sort();
    expect(differing).toEqual([...reasons.keys()].sort());
    // mailauth's own skip of ams_fields_h_empty_added is no longer needed with 7.1
    expect(rows.find((row) => row.id === 'ams_fields_h_empty_added')).toMatchObject({ expected: 'fail', mailauth: 'fail', mailbench: 'fail' });
  }, 120_000);

  it('names mailauth\'s reason when a chain fails', async () => {
    const scenario = suite.find((candidate) => 'cv_fail_i1_as_invalid' in candidate.tests)!;
    const report = await verifyMessage(zoneDns(scenarioZone(scenario['txt-records'])), { message: Buffer.from(scenario.tests.cv_fail_i1_as_invalid!.message!), useReceived: false, strict: false });
    expect(report.arc.result).toBe('fail');
    expect(report.arc.comment).toBeTruthy();
    expect(report.arc.why).toBe(`The ARC chain does not verify: ${report.arc.comment}.`);
  });
});
