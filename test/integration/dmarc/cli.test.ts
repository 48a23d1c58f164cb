import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';

const data = tempDir();
afterAll(() => data.cleanup());
const fixtures = fileURLToPath(new URL('../../fixtures/dmarc', import.meta.url));
const reports = join(data.dir, 'reports');
cpSync(fixtures, reports, { recursive: true });

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: join(data.dir, 'data') }, cwd: data.dir };
  const code = await runCli(args, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}

const xmlCount = (path: string) => [...readFileSync(join(fixtures, path), 'utf8').matchAll(/<count>(\d+)<\/count>/g)].reduce((s, m) => s + Number(m[1]), 0);

describe('mailbench dmarc', () => {
  it('import of a folder prints { imported, duplicates, refused } and exits 1 for the refused files; a second import adds nothing', async () => {
    const first = await cli('dmarc', 'import', 'reports/aggregate', 'reports/failure', 'reports/tls', 'reports/refused', 'reports/refused/notes.txt', '--json');
    expect(first.code).toBe(1);
    const result = JSON.parse(first.out) as { imported: Array<Record<string, unknown>>; duplicates: Array<Record<string, unknown>>; refused: Array<{ file: string; reason: string }> };
    expect(Object.keys(result)).toEqual(['imported', 'duplicates', 'refused']);
    for (const entry of result.imported) {
      expect(Object.keys(entry).slice(0, 9)).toEqual(['file', 'kind', 'reportId', 'orgName', 'domain', 'begin', 'end', 'records', 'messages']);
    }
    const byFile = new Map(result.imported.map((r) => [r.file, r]));
    expect(byFile.get('reports/aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.xml')).toMatchObject({
      kind: 'aggregate', reportId: 'dmarcbis-test-report-001', orgName: 'example.net', domain: 'example.com',
      begin: '2023-11-14T22:13:20.000Z', end: '2023-11-15T22:13:19.000Z', records: 2, messages: xmlCount('aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.xml'),
    });
    expect(byFile.get('reports/failure/dmarc_ruf_report_linkedin.eml')).toMatchObject({ kind: 'failure', domain: 'example.com', records: 1, messages: 1 });
    expect(byFile.get('reports/tls/rfc8460.json')).toMatchObject({ kind: 'tls', domain: 'company-y.example', messages: 5326 + 303 });
    expect(result.imported).toHaveLength(11);
    // The zip and the .xml.gz hold reports already read from their .xml; the .json.gz its .json.
    expect(result.duplicates.map((d) => d.reportId).sort()).toEqual(['5065427c-23d3-47ca-b6e0-946ea0e8c4be', 'b043f0e264cf4ea995e93765242f6dfb', 'dmarcbis-test-report-001']);
    // Names refused before reading come first, then files refused for what they hold.
    expect(result.refused.map((r) => [r.file, r.reason.split('.')[0]])).toEqual([
      ['reports/refused/notes.txt', 'Mailbench reads reports from '],
      ['reports/refused/empty.xml', 'The file is empty'],
      ['reports/refused/newsletter.eml', 'The email carries no DMARC or TLS report (no XML, JSON, gzip or zip attachment) and is not a failure report'],
    ]);
    // A folder yields only report names: notes.txt, README.md and the licence are not read unless named.

    const again = await cli('dmarc', 'import', 'reports/aggregate', 'reports/failure', 'reports/tls', '--json');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.out) as { imported: unknown[]; duplicates: unknown[]; refused: unknown[] };
    expect(second.imported).toEqual([]);
    expect(second.duplicates).toHaveLength(14);
  });

  it('summary --json totals each domain from the stored records, with sources and policy applied', async () => {
    const r = await cli('dmarc', 'summary', '--domain', 'example.com', '--json');
    expect(r.code).toBe(0);
    const { domains } = JSON.parse(r.out) as { domains: Array<Record<string, unknown> & { sources: Array<Record<string, unknown>> }> };
    expect(domains).toHaveLength(1);
    const [d] = domains;
    expect(Object.keys(d!).slice(0, 7)).toEqual(['domain', 'messages', 'dmarcPass', 'dkimAligned', 'spfAligned', 'dmarcPassRate', 'policyApplied']);
    const expected = ['aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.xml', 'aggregate/example.net!example.com!1529366400!1529452799.xml',
      'aggregate/invalid_utf_8.xml', 'aggregate/invalid_xml.xml', 'aggregate/protection.outlook.com!example.com!1711756800!1711843200.xml'].reduce((s, f) => s + xmlCount(f), 0);
    expect(d).toMatchObject({ domain: 'example.com', messages: expected, dmarcPass: 5, dkimAligned: 5, spfAligned: 5 });
    expect(d!.policyApplied).toMatchObject({ none: expected - 2, quarantine: 0, reject: 2, overrides: [{ type: 'other', comment: 'sender not authorized', messages: 2 }] });
    expect(Object.keys(d!.sources[0]!).slice(0, 5)).toEqual(['ip', 'ptr', 'service', 'messages', 'dmarcPass']);
    expect(d!.sources[0]).toMatchObject({ ip: '198.51.100.1', ptr: null, service: null, messages: 5, dmarcPass: 5, known: 'unknown' });

    const dated = JSON.parse((await cli('dmarc', 'summary', '--since', '2023-11-14', '--until', '2023-11-14', '--json')).out) as { domains: Array<{ domain: string; messages: number }> };
    expect(dated.domains).toEqual([expect.objectContaining({ domain: 'example.com', messages: 7 })]);
    const google = JSON.parse((await cli('dmarc', 'summary', '--domain', 'ab.id.au', '--json')).out) as { domains: Array<{ sources: Array<{ service: string }> }> };
    expect(google.domains[0]!.sources[0]!.service).toBe('Microsoft 365 / Outlook.com');
  });

  it('whatif names the failing sources and the share of mail affected', async () => {
    const r = await cli('dmarc', 'whatif', '--domain', 'example.com', '--policy', 'reject', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { messages: number; affected: number; affectedShare: number; sources: Array<{ ip: string; failing: number }> };
    expect(result).toMatchObject({ messages: 11, affected: 6 });
    expect(result.affectedShare).toBeCloseTo(6 / 11);
    expect(result.sources.map((s) => s.failing).reduce((a, b) => a + b, 0)).toBe(6);
    expect((await cli('dmarc', 'whatif', '--domain', 'example.com')).code).toBe(2);
    expect((await cli('dmarc', 'whatif', '--domain', 'example.com', '--policy', 'none')).code).toBe(2);
  });

  it('bad usage exits 2; a glob and a missing name are handled', async () => {
    expect((await cli('dmarc')).code).toBe(2);
    expect((await cli('dmarc', 'import')).code).toBe(2);
    expect((await cli('dmarc', 'summary', '--since', 'yesterday')).code).toBe(2);
    mkdirSync(join(data.dir, 'more'));
    writeFileSync(join(data.dir, 'more', 'a.xml'), readFileSync(join(fixtures, 'aggregate/invalid_xml.xml')));
    const globbed = await cli('dmarc', 'import', 'more/*.xml', 'nothing-here.xml', '--json');
    expect(globbed.code).toBe(1);
    const result = JSON.parse(globbed.out) as { duplicates: Array<{ file: string }>; refused: Array<{ file: string; reason: string }> };
    expect(result.duplicates.map((d) => d.file)).toEqual(['more/a.xml']);
    expect(result.refused).toEqual([{ file: 'nothing-here.xml', reason: 'No such file or folder, or not one you may read.' }]);
  });
});
