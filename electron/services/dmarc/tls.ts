import { budget, refuse } from './budget';
import type { TlsFailure, TlsPolicy, TlsReport } from './model';
import { decodeText } from './text';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * An SMTP TLS report (RFC 8460) from its JSON bytes. The JSON's nesting is checked before
 * parsing; fields are read with own-property lookups only, so keys such as __proto__ in the
 * input are plain data. Counts that are not whole numbers are read as 0 and named in warnings.
 */
export function parseTls(file: string, bytes: Uint8Array): TlsReport {
  const decoded = decodeText(bytes);
  const warnings = decoded.warning ? [decoded.warning] : [];
  const text = decoded.text.replace(/^\uFEFF/, '');
  checkDepth(file, text);
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    throw refuse(file, `The TLS report is not valid JSON: ${(error as Error).message}.`, 'Check that this is an SMTP TLS report (RFC 8460) as the reporter sent it.');
  }
  if (!isObject(value) || !Array.isArray(get(value, 'policies'))) {
    throw refuse(file, 'The JSON is not an SMTP TLS report: it has no "policies" list.', 'Check that this is an SMTP TLS report (RFC 8460).');
  }
  const range = get(value, 'date-range');
  const begin = seconds(get(range, 'start-datetime'));
  const end = seconds(get(range, 'end-datetime'));
  const reportId = str(get(value, 'report-id'));
  const orgName = str(get(value, 'organization-name'));
  if (!reportId) throw refuse(file, 'The TLS report has no "report-id", so it cannot be told apart from others.', 'Check that the report is complete.');
  if (begin === undefined || end === undefined) throw refuse(file, 'The TLS report has no valid "date-range" (start-datetime and end-datetime).', 'Check that the report is complete.');
  const list = get(value, 'policies') as Json[];
  if (list.length > budget.tlsPolicies) throw refuse(file, `The TLS report lists ${list.length} policies; Mailbench reads at most ${budget.tlsPolicies}.`, 'Ask the reporter for smaller reports.');
  let details = 0;
  let badCounts = 0;
  const count = (v: Json | undefined): number => {
    if (v === undefined || v === null) return 0;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    badCounts++;
    return 0;
  };
  const policies: TlsPolicy[] = list.filter(isObject).map((entry) => {
    const policy = get(entry, 'policy');
    const summary = get(entry, 'summary');
    const failureList = get(entry, 'failure-details');
    const failures: TlsFailure[] = [];
    if (Array.isArray(failureList)) {
      details += failureList.length;
      if (details > budget.tlsFailureDetails) throw refuse(file, `The TLS report has more than ${budget.tlsFailureDetails.toLocaleString('en-US')} failure details.`, 'Ask the reporter for smaller reports.');
      for (const f of failureList) {
        if (!isObject(f)) continue;
        failures.push({
          resultType: str(get(f, 'result-type')) || 'unknown',
          sendingMtaIp: str(get(f, 'sending-mta-ip')),
          receivingMx: str(get(f, 'receiving-mx-hostname')),
          receivingIp: str(get(f, 'receiving-ip')),
          count: count(get(f, 'failed-session-count')),
          reasonCode: str(get(f, 'failure-reason-code')),
        });
      }
    }
    return {
      policyType: str(get(policy, 'policy-type')),
      policyDomain: str(get(policy, 'policy-domain')).toLowerCase(),
      mxHost: Array.isArray(get(policy, 'mx-host')) ? (get(policy, 'mx-host') as Json[]).map(str).join(', ') : str(get(policy, 'mx-host')),
      successful: count(get(summary, 'total-successful-session-count')),
      failed: count(get(summary, 'total-failure-session-count')),
      failures,
    };
  });
  if (badCounts > 0) warnings.push(`${badCounts} session count${badCounts === 1 ? ' was' : 's were'} not a whole number and counted as 0.`);
  if (policies.length === 0) warnings.push('The report lists no policies.');
  return { kind: 'tls', orgName: orgName || 'unknown', reportId, contact: str(get(value, 'contact-info')), begin, end, policies, warnings };
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: Json | undefined, key: string): Json | undefined => (isObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined);
const str = (v: Json | undefined): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function seconds(v: Json | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Refuses JSON nested deeper than the budget before JSON.parse walks it. */
function checkDepth(file: string, text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > budget.jsonDepth) throw refuse(file, `The JSON nests deeper than ${budget.jsonDepth} levels; a TLS report needs 5.`, 'Check that this is an SMTP TLS report (RFC 8460).');
    } else if (c === 125 || c === 93) depth--;
  }
}
