import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { openDatabase } from '../../electron/db/open';
import { DmarcService } from '../../electron/services/dmarc/service';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { report } from './measure';

const REPORTS = 10_000;
const RECORDS = 8;
const reporters = ['google.com', 'Outlook.com', 'Yahoo', 'Mail.Ru', 'Comcast'];

/** Report i: a day's aggregate report from one of five reporters for one of twenty domains, eight source IPs. */
function reportXml(i: number): string {
  const begin = 1767225600 + (i % 365) * 86400;
  const records = Array.from({ length: RECORDS }, (_, r) => {
    const pass = (i + r) % 5 !== 0;
    return `<record><row><source_ip>198.51.${(i + r) % 200}.${r + 1}</source_ip><count>${1 + ((i * 7 + r) % 900)}</count>
<policy_evaluated><disposition>${pass ? 'none' : 'quarantine'}</disposition><dkim>${pass ? 'pass' : 'fail'}</dkim><spf>${r % 2 ? 'pass' : 'fail'}</spf></policy_evaluated></row>
<identifiers><header_from>d${i % 20}.example</header_from><envelope_from>d${i % 20}.example</envelope_from></identifiers>
<auth_results><dkim><domain>d${i % 20}.example</domain><selector>s1</selector><result>${pass ? 'pass' : 'fail'}</result></dkim><spf><domain>d${i % 20}.example</domain><scope>mfrom</scope><result>pass</result></spf></auth_results></record>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback><version>1.0</version><report_metadata><org_name>${reporters[i % 5]}</org_name><email>dmarc@${reporters[i % 5]!.toLowerCase()}</email><report_id>r${i}</report_id>
<date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range></report_metadata>
<policy_published><domain>d${i % 20}.example</domain><adkim>r</adkim><aspf>r</aspf><p>quarantine</p><sp>none</sp><pct>100</pct></policy_published>
${records}
</feedback>
`;
}

interface Round {
  seconds: number;
  peakRssMb: number;
}

/** Samples the resident set every 20 ms while `fn` runs; the peak above the start is what the run held. */
async function measured(fn: () => Promise<unknown> | unknown): Promise<Round> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakRssMb: (peak - start) / 1024 / 1024 };
}

/**
 * The floor an import is measured against: each file read, parsed by fast-xml-parser and its
 * rows inserted in one transaction, into the same tables, with none of the import's work
 * (detection, archives, repairs, budgets, dedupe answers, progress).
 */
function rawParseAndInsert(databaseFile: string, folder: string): number {
  const db = openDatabase(databaseFile);
  const parser = new XMLParser({ isArray: (name) => name === 'record' || name === 'dkim' || name === 'spf' });
  const insertReport = db.prepare("INSERT INTO dmarc_reports (kind, org_name, report_id, domain, begin_at, end_at, file, records, messages) VALUES ('aggregate', ?, ?, ?, ?, ?, ?, ?, ?)");
  const insertRecord = db.prepare(`INSERT INTO dmarc_records (report_id, seq, domain, day, source_ip, count, disposition, dkim_aligned, spf_aligned, header_from, envelope_from, envelope_to, auth_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`);
  let rows = 0;
  const store = db.transaction((name: string, doc: { feedback: Record<string, any> }) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const f = doc.feedback;
    const records = f.record as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const begin = Number(f.report_metadata.date_range.begin);
    const id = Number(insertReport.run(f.report_metadata.org_name, String(f.report_metadata.report_id), f.policy_published.domain, begin,
      Number(f.report_metadata.date_range.end), name, records.length, records.reduce((s, r) => s + Number(r.row.count), 0)).lastInsertRowid);
    const day = new Date(begin * 1000).toISOString().slice(0, 10);
    records.forEach((r, seq) => {
      insertRecord.run(id, seq, f.policy_published.domain, day, r.row.source_ip, Number(r.row.count), r.row.policy_evaluated.disposition,
        r.row.policy_evaluated.dkim === 'pass' ? 1 : 0, r.row.policy_evaluated.spf === 'pass' ? 1 : 0, r.identifiers.header_from, r.identifiers.envelope_from,
        JSON.stringify(r.auth_results));
      rows++;
    });
  });
  for (const name of readdirSync(folder)) store(name, parser.parse(readFileSync(join(folder, name))) as { feedback: Record<string, unknown> });
  db.close();
  return rows;
}

async function dmarcImport(databaseFile: string, folder: string): Promise<number> {
  const db = openDatabase(databaseFile);
  const result = await new DmarcService(db).importPaths([folder], '/');
  db.close();
  if (result.imported.length !== REPORTS || result.refused.length) throw new Error(`expected ${REPORTS} imported, got ${result.imported.length} (${result.refused.length} refused)`);
  return result.imported.reduce((s, r) => s + r.records, 0);
}

export const dmarcBench: Bench = {
  name: 'dmarc',
  summary: 'import of 10,000 aggregate report files beside a raw fast-xml-parser + insert loop of the same files',
  async run() {
    const { dir, cleanup } = tempDir('mailbench-bench-dmarc-');
    try {
      const folder = join(dir, 'reports');
      mkdirSync(folder);
      for (let i = 0; i < REPORTS; i++) writeFileSync(join(folder, `reporter!d${i % 20}.example!${i}.xml`), reportXml(i));
      // Three rounds each, alternating, best of each: this machine is shared, one run measures the neighbours.
      const raws: Round[] = [];
      const imports: Round[] = [];
      for (let round = 0; round < 3; round++) {
        raws.push(await measured(() => rawParseAndInsert(join(dir, `raw${round}.db`), folder)));
        imports.push(await measured(() => dmarcImport(join(dir, `import${round}.db`), folder)));
      }
      const raw = Math.min(...raws.map((r) => r.seconds));
      const best = Math.min(...imports.map((r) => r.seconds));
      report(`dmarc import, ${REPORTS.toLocaleString('en-US')} files x ${RECORDS} records (detect, parse, repair, dedupe, store), best of 3`, best, 's');
      report('dmarc import rate', REPORTS / best, 'reports/s');
      report('raw baseline (readFileSync + fast-xml-parser + inserts), best of 3', raw, 's');
      report('raw baseline rate', REPORTS / raw, 'reports/s');
      report('import rate as a share of the raw baseline (target >= 50%)', (100 * raw) / best, '%');
      report('peak RSS growth during an import (largest of 3)', Math.max(...imports.map((r) => r.peakRssMb)), 'MB');
      report('peak RSS growth during the raw baseline (largest of 3)', Math.max(...raws.map((r) => r.peakRssMb)), 'MB');
    } finally {
      cleanup();
    }
  },
};
