import { budget, refuse } from './budget';
import type { AggregateRecord, AggregateReport, PolicyPublished } from './model';
import { decodeText } from './text';
import { child, childrenOf, parseXml, textAt, type XmlNode } from './xml';

/** Elements a record may use (row, identifiers, auth_results and their children, with room to spare). */
const elementsPerRecord = 40;

/**
 * An aggregate report (RFC 7489 Appendix C, and DMARCbis with np, testing, discovery_method)
 * from its XML bytes. Fields are kept as the reporter wrote them, lower-cased where the schema
 * has a fixed vocabulary (some reporters send PASS). Rows without a source IP or with a count
 * that is not a whole number are skipped and counted in the warnings.
 */
export function parseAggregate(file: string, bytes: Uint8Array): AggregateReport {
  const declared = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(Buffer.from(bytes.subarray(0, 200)).toString('latin1'))?.[1];
  const decoded = decodeText(bytes, declared);
  const { root, warnings } = parseXml(file, decoded.text, budget.records * elementsPerRecord + 1000);
  if (decoded.warning) warnings.unshift(decoded.warning);
  const feedback = child(root, 'feedback');
  if (!feedback) throw refuse(file, 'The file holds no DMARC aggregate report: there is no <feedback> element.', 'Check that this is an aggregate (rua) report as sent by the receiver.');
  const meta = child(feedback, 'report_metadata');
  const published = child(feedback, 'policy_published');
  const reportId = textAt(meta, 'report_id');
  const orgName = textAt(meta, 'org_name') || textAt(meta, 'email').replace(/^.*@/, '');
  if (!reportId) throw refuse(file, 'The aggregate report has no <report_id>, so it cannot be told apart from others.', 'Check that the report is complete.');
  if (!orgName) warnings.push('The report names no reporting organisation (<org_name> is empty).');
  const begin = Number(textAt(meta, 'date_range', 'begin'));
  const end = Number(textAt(meta, 'date_range', 'end'));
  if (!Number.isFinite(begin) || !Number.isFinite(end) || textAt(meta, 'date_range', 'begin') === '') {
    throw refuse(file, 'The aggregate report has no valid <date_range> (begin and end in Unix seconds).', 'Check that the report is complete.');
  }
  const policy: PolicyPublished = {
    domain: textAt(published, 'domain').toLowerCase(),
    adkim: lower(published, 'adkim'),
    aspf: lower(published, 'aspf'),
    p: lower(published, 'p'),
    sp: lower(published, 'sp'),
    np: lower(published, 'np'),
    pct: textAt(published, 'pct'),
    fo: textAt(published, 'fo'),
    testing: lower(published, 'testing'),
    discoveryMethod: lower(published, 'discovery_method'),
  };
  if (!policy.domain) throw refuse(file, 'The aggregate report has no <policy_published><domain>.', 'Check that the report is complete.');
  const records: AggregateRecord[] = [];
  let skipped = 0;
  for (const node of childrenOf(feedback, 'record')) {
    const record = readRecord(node);
    if (record) records.push(record);
    else skipped++;
  }
  if (records.length > budget.records) {
    throw refuse(file, `The report has ${records.length.toLocaleString('en-US')} records; Mailbench reads at most ${budget.records.toLocaleString('en-US')} from one report.`, 'Ask the reporter for smaller reports.');
  }
  if (skipped > 0) warnings.push(`Skipped ${skipped} record${skipped === 1 ? '' : 's'} without a source IP or a whole-number count.`);
  return { kind: 'aggregate', orgName: orgName || 'unknown', email: textAt(meta, 'email'), reportId, begin, end, policy, records, warnings };
}

const lower = (node: XmlNode | undefined, ...path: string[]) => textAt(node, ...path).toLowerCase();

function readRecord(node: XmlNode): AggregateRecord | undefined {
  const row = child(node, 'row');
  const evaluated = child(row, 'policy_evaluated');
  const identifiers = child(node, 'identifiers');
  const auth = child(node, 'auth_results');
  const sourceIp = textAt(row, 'source_ip');
  const countText = textAt(row, 'count');
  const count = Number(countText);
  if (!sourceIp || !/^\d+$/.test(countText) || !Number.isSafeInteger(count)) return undefined;
  return {
    sourceIp,
    count,
    disposition: lower(evaluated, 'disposition') || 'none',
    dkim: lower(evaluated, 'dkim'),
    spf: lower(evaluated, 'spf'),
    reasons: childrenOf(evaluated, 'reason').map((r) => ({ type: lower(r, 'type'), comment: textAt(r, 'comment') })).filter((r) => r.type || r.comment),
    headerFrom: lower(identifiers, 'header_from'),
    envelopeFrom: lower(identifiers, 'envelope_from'),
    envelopeTo: lower(identifiers, 'envelope_to'),
    dkimResults: childrenOf(auth, 'dkim').map((d) => ({ domain: lower(d, 'domain'), selector: textAt(d, 'selector'), result: lower(d, 'result') })),
    spfResults: childrenOf(auth, 'spf').map((s) => ({ domain: lower(s, 'domain'), scope: lower(s, 'scope'), result: lower(s, 'result') })),
  };
}
