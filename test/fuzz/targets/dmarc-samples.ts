import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../../electron/services/dmarc/model';
import { reportMessages } from '../../../electron/services/dmarc/model';

/** The real reports of test/fixtures/dmarc, as latin-1 strings (one character per byte), for the DMARC fuzz targets. */
export function dmarcSamples(...paths: string[]): string[] {
  return paths.map((path) => readFileSync(fileURLToPath(new URL(`../../fixtures/dmarc/${path}`, import.meta.url))).toString('latin1'));
}

/** What every report read must satisfy, whatever the input: whole counts, totals that add up, no NaN dates. */
export function assertReport(report: Report): void {
  const fail = (what: string) => {
    throw new Error(`DMARC reader returned a bad report: ${what}`);
  };
  if (!report.reportId) fail('empty report id');
  if (report.kind === 'aggregate') {
    if (!Number.isFinite(report.begin) || !Number.isFinite(report.end)) fail('date range not a number');
    for (const r of report.records) if (!Number.isSafeInteger(r.count) || r.count < 0 || !r.sourceIp) fail(`record ${JSON.stringify(r).slice(0, 100)}`);
  } else if (report.kind === 'tls') {
    for (const p of report.policies) if (!Number.isSafeInteger(p.successful) || !Number.isSafeInteger(p.failed)) fail('session count');
  } else if (!Number.isFinite(report.arrival)) fail('arrival date');
  if (!Number.isSafeInteger(reportMessages(report))) fail('message total');
}
