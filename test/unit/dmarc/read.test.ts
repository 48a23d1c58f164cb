import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { budget } from '../../../electron/services/dmarc/budget';
import type { AggregateReport, FailureReport, TlsReport } from '../../../electron/services/dmarc/model';
import { readReportFile } from '../../../electron/services/dmarc/read';
import { AppError } from '../../../shared/contract/errors';
import { zipOf } from './zip';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/dmarc/${path}`, import.meta.url)));
const read = (path: string) => readReportFile(path, fixture(path));
const one = <T>(path: string) => {
  const reports = read(path);
  expect(reports).toHaveLength(1);
  return reports[0] as T;
};
/** The sum of the XML's <count> elements, read with a plain regex: what an import must total. */
const xmlCounts = (xml: string) => [...xml.matchAll(/<count>\s*(\d+)\s*<\/count>/g)].reduce((sum, m) => sum + Number(m[1]), 0);
const messages = (report: AggregateReport) => report.records.reduce((sum, r) => sum + r.count, 0);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('parse_error');
    expect(appError.details.hint).toBeTruthy();
    return appError;
  }
  throw new Error('expected a refusal');
}

describe('aggregate reports', () => {
  it('reads RFC 7489 XML with every field, totals matching the <count>s', () => {
    const path = 'aggregate/protection.outlook.com!example.com!1711756800!1711843200.xml';
    const report = one<AggregateReport>(path);
    expect(report).toMatchObject({ kind: 'aggregate', orgName: 'Outlook.com', email: 'dmarcreport@microsoft.com', reportId: 'cfeafefe4129445e8c81018bd9177197', begin: 1711756800, end: 1711843200, warnings: [] });
    expect(report.policy).toMatchObject({ domain: 'example.com', adkim: 'r', aspf: 'r', p: 'none', sp: 'none', pct: '100', fo: '0' });
    expect(report.records[0]).toEqual({
      sourceIp: '100.24.188.149', count: 1, disposition: 'none', dkim: 'fail', spf: 'fail', reasons: [],
      headerFrom: 'example.com', envelopeFrom: 'example.com', envelopeTo: 'hotmail.com',
      dkimResults: [], spfResults: [{ domain: 'example.com', scope: 'mfrom', result: 'fail' }],
    });
    expect(messages(report)).toBe(xmlCounts(fixture(path).toString()));
  });

  it('reads DMARCbis: np, testing, discovery_method, dkim selector and an override reason', () => {
    const path = 'aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.xml';
    const report = one<AggregateReport>(path);
    expect(report.policy).toMatchObject({ p: 'reject', sp: 'quarantine', np: 'reject', testing: 'y', discoveryMethod: 'treewalk' });
    expect(report.records.map((r) => [r.sourceIp, r.count, r.disposition])).toEqual([['198.51.100.1', 5, 'none'], ['203.0.113.10', 2, 'reject']]);
    expect(report.records[0]!.dkimResults).toEqual([{ domain: 'example.com', selector: 'selector1', result: 'pass' }]);
    expect(report.records[1]!.reasons).toEqual([{ type: 'other', comment: 'sender not authorized' }]);
    expect(messages(report)).toBe(xmlCounts(fixture(path).toString()));
    expect(messages(report)).toBe(7);
  });

  it('reads the same report zipped, and gzipped in two members followed by garbage, saying what was skipped', () => {
    const zipped = one<AggregateReport>('aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.zip');
    expect(zipped.reportId).toBe('dmarcbis-test-report-001');
    expect(messages(zipped)).toBe(7);
    const gz = one<AggregateReport>('aggregate/example.net!example.com!1529366400!1529452799.xml.gz');
    expect(gz.reportId).toBe('b043f0e264cf4ea995e93765242f6dfb');
    expect(gz.warnings).toEqual(['The gzip file has 2 members; they were joined.', 'Skipped 11 bytes after the end of the gzip data.']);
    expect(messages(gz)).toBe(xmlCounts(fixture('aggregate/example.net!example.com!1529366400!1529452799.xml').toString()));
  });

  it('reads a zip attached to an email (Google) and a gzip body with trailing CRLF (Mimecast)', () => {
    const google = one<AggregateReport>('aggregate/twilight.eml');
    expect(google).toMatchObject({ orgName: 'google.com', reportId: '1627703331531660819', policy: { domain: 'twlnet.com', p: 'reject' } });
    expect(google.records[0]!.dkimResults[0]).toEqual({ domain: 'twlnet.com', selector: '201810', result: 'pass' });
    const mimecast = one<AggregateReport>('aggregate/mimecast-weird-gzip.eml');
    expect(mimecast).toMatchObject({ orgName: 'Mimecast', policy: { domain: 'ab.id.au' } });
    expect(mimecast.warnings).toEqual(['Skipped 2 bytes after the end of the gzip data.']);
  });

  it('recovers invalid UTF-8 and broken XML and says so', () => {
    const latin = one<AggregateReport>('aggregate/invalid_utf_8.xml');
    expect(latin.records[0]!.headerFrom).toBe('bad_byte\u2018');
    expect(latin.warnings).toEqual(['The file is not valid UTF-8 (1 bad byte); it was read as Windows-1252.']);
    const broken = one<AggregateReport>('aggregate/invalid_xml.xml');
    expect(broken).toMatchObject({ orgName: 'veeam.com', reportId: 'sonexushealth.com:1530233361' });
    expect(broken.records).toHaveLength(1);
    expect(broken.warnings[0]).toMatch(/^Closed 1 element that was never closed/);
  });

  it('repairs a garbage prefix and unclosed trailing tags', () => {
    const xml = fixture('aggregate/protection.outlook.com!example.com!1711756800!1711843200.xml').toString();
    const cut = `junk from a mail client\n${xml.slice(0, xml.indexOf('</auth_results>'))}`;
    const [report] = readReportFile('cut.xml', Buffer.from(cut)) as AggregateReport[];
    expect(report!.records).toHaveLength(1);
    expect(report!.warnings).toEqual([expect.stringMatching(/^Skipped 24 characters of text before the XML/), expect.stringMatching(/left open \(<feedback>, <record>, <auth_results>\)/)]);
  });

  it('reads UTF-16 XML with a byte order mark', () => {
    const xml = fixture('aggregate/protection.outlook.com!example.com!1711756800!1711843200.xml').toString().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const [report] = readReportFile('utf16.xml', bytes) as AggregateReport[];
    expect(report).toMatchObject({ orgName: 'Outlook.com', reportId: 'cfeafefe4129445e8c81018bd9177197', warnings: [] });
    expect(messages(report!)).toBe(1);
  });

  it('reads upper-case results and skips records without a whole-number count', () => {
    const xml = `<feedback><report_metadata><org_name>x</org_name><report_id>1</report_id><date_range><begin>0</begin><end>1</end></date_range></report_metadata>
      <policy_published><domain>Example.ORG</domain><p>none</p></policy_published>
      <record><row><source_ip>192.0.2.1</source_ip><count>3</count><policy_evaluated><disposition>NONE</disposition><dkim>PASS</dkim><spf>FAIL</spf></policy_evaluated></row></record>
      <record><row><source_ip>192.0.2.2</source_ip><count>-1</count></row></record></feedback>`;
    const [report] = readReportFile('upper.xml', Buffer.from(xml)) as AggregateReport[];
    expect(report!.policy.domain).toBe('example.org');
    expect(report!.records).toEqual([expect.objectContaining({ dkim: 'pass', spf: 'fail', disposition: 'none', count: 3 })]);
    expect(report!.warnings).toEqual(['Skipped 1 record without a source IP or a whole-number count.']);
  });
});

describe('failure reports', () => {
  it('reads an ARF report (RFC 6591) with the original headers', () => {
    const report = one<FailureReport>('failure/dmarc_ruf_report_linkedin.eml');
    expect(report).toMatchObject({
      kind: 'failure', orgName: 'linkedin.com', reportId: 'BB.91.26019.C3EA7CC5@mail516.prod.linkedin.com', domain: 'example.com', sourceIp: '10.10.10.10',
      feedbackType: 'auth-failure', authFailure: 'dmarc', deliveryResult: 'delivered', originalRcptTo: 'recipient@linkedin.com',
      subject: 'Subject line, could be UTF8 encoded', authResults: 'dmarc=fail (p=none; dis=none) header.from=example.com', arf: true, warnings: [],
      arrival: Date.parse('Tue, 30 Apr 2019 02:09:00 +0000') / 1000,
    });
    expect(report.headers).toMatch(/^Return-Path: <>\n/);
    expect(report.headers).toMatch(/\nFrom: Sender <sender@example.com>\n/);
    expect(report.headers).not.toMatch(/Alternative/);
  });

  it('reads a plain-text report without an ARF part and says it had none', () => {
    const report = one<FailureReport>('failure/exim_plain_text_only_no_arf_part.eml');
    expect(report).toMatchObject({ domain: 'example.com', sourceIp: '203.0.113.68', authFailure: 'spf, dkim', deliveryResult: 'None, Accept', subject: 'Payment from your account.', arf: false });
    expect(report.authResults).toMatch(/spf=softfail smtp.mailfrom=example.com; dmarc=none/);
    expect(report.headers).toMatch(/^Received: from \[203.0.113.68\]/);
    expect(report.warnings[0]).toMatch(/no machine-readable ARF part/);
  });
});

describe('SMTP TLS reports', () => {
  it('reads RFC 8460 JSON, plain and gzipped', () => {
    for (const path of ['tls/rfc8460.json', 'tls/rfc8460.json.gz']) {
      const report = one<TlsReport>(path);
      expect(report).toMatchObject({ orgName: 'Company-X', reportId: '5065427c-23d3-47ca-b6e0-946ea0e8c4be', begin: Date.parse('2016-04-01T00:00:00Z') / 1000 });
      expect(report.policies).toHaveLength(1);
      expect(report.policies[0]).toMatchObject({ policyType: 'sts', policyDomain: 'company-y.example', successful: 5326, failed: 303 });
      expect(report.policies[0]!.failures.map((f) => [f.resultType, f.count])).toEqual([['certificate-expired', 100], ['starttls-not-supported', 200], ['validation-failure', 3]]);
    }
  });

  it('reads a .json.gz attached to an email as application/tlsrpt+gzip (Google)', () => {
    const report = one<TlsReport>('tls/google.com_smtp_tls_report.eml');
    expect(report).toMatchObject({ orgName: 'Google Inc.', reportId: '2024-09-03T00:00:00Z_cardinalhealth.ca' });
    expect(report.policies[0]).toMatchObject({ policyType: 'no-policy-found', policyDomain: 'cardinalhealth.ca', successful: 48, failed: 0 });
  });

  it('treats __proto__ keys as data', () => {
    const json = '{"organization-name":"x","report-id":"r","date-range":{"start-datetime":"2024-01-01T00:00:00Z","end-datetime":"2024-01-01T23:59:59Z"},"__proto__":{"polluted":1},"policies":[{"__proto__":{"x":1},"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{"total-successful-session-count":1}}]}';
    const [report] = readReportFile('proto.json', Buffer.from(json)) as TlsReport[];
    expect(report!.policies[0]!.successful).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('refusals with their reason', () => {
  it('refuses an empty file, a text file and an email with no report', () => {
    expect(refusal(() => read('refused/empty.xml')).message).toBe('The file is empty.');
    expect(refusal(() => read('refused/notes.txt')).message).toMatch(/^The file is not a report Mailbench reads/);
    expect(refusal(() => read('refused/newsletter.eml')).message).toMatch(/^The email carries no DMARC or TLS report/);
  });

  it('refuses a gzip bomb by ratio and a zip bomb by the absolute cap, before inflating past them', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(() => readReportFile('bomb.xml.gz', bomb)).message).toMatch(/more than 200 times its packed size/);
    // Ten entries that each claim 1 byte and inflate within the ratio (2 bits of entropy a byte
    // pack about 4:1), together beyond the absolute cap.
    const chunk = randomBytes(8 * 1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = 0x41 + (chunk[i]! & 3);
    const packed = deflateRawSync(chunk, { level: 1 });
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `r${i}.xml`, data: packed, size: 1 }));
    expect(refusal(() => readReportFile('bomb.zip', zipOf(entries))).message).toMatch(new RegExp(`unpacks to more than ${budget.decompressedBytes / 1024 / 1024} MB`));
  });

  it('refuses too many zip entries, deep XML and deep JSON', () => {
    const many = Array.from({ length: budget.zipEntries + 1 }, (_, i) => ({ name: `r${i}.xml`, data: deflateRawSync(Buffer.from('<feedback/>')), size: 11 }));
    expect(refusal(() => readReportFile('many.zip', zipOf(many))).message).toMatch(/holds 65 files/);
    const deep = `<feedback>${'<a>'.repeat(100)}`;
    expect(refusal(() => readReportFile('deep.xml', Buffer.from(deep))).message).toMatch(/nests deeper than 32/);
    const deepJson = `{"policies":${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(refusal(() => readReportFile('deep.json', Buffer.from(deepJson))).message).toMatch(/nests deeper than 32/);
  });

  it('never expands a DOCTYPE entity', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><feedback><report_metadata><org_name>&b;</org_name><report_id>1</report_id><date_range><begin>0</begin><end>1</end></date_range></report_metadata><policy_published><domain>example.org</domain></policy_published></feedback>';
    const [report] = readReportFile('entity.xml', Buffer.from(xml)) as AggregateReport[];
    expect(report!.orgName).toBe('&b;');
  });
});
