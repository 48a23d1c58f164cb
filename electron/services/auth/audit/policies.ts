import type { ParsedDmarc } from '../dmarc-record';
import { type AuditRun, notChecked, type SectionOutcome } from './run';

export interface MtaStsPolicy {
  version?: string;
  mode?: string;
  mx: string[];
  maxAge?: number;
  problems: string[];
}

/** Reads an MTA-STS policy file (RFC 8461 section 3.2): key: value lines. */
export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const policy: MtaStsPolicy = { mx: [], problems: [] };
  for (const line of text.split(/\r?\n/).map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)\s*:\s*(.*)$/i.exec(line);
    if (!match) {
      policy.problems.push(`"${line}" is not a "key: value" line.`);
      continue;
    }
    const [, key, value] = match;
    if (key === 'version') policy.version = value;
    else if (key === 'mode') policy.mode = value;
    else if (key === 'mx') policy.mx.push(value!.toLowerCase());
    else if (key === 'max_age') policy.maxAge = Number(value);
  }
  if (policy.version !== 'STSv1') policy.problems.push('version: STSv1 is missing.');
  if (!['enforce', 'testing', 'none'].includes(policy.mode ?? '')) policy.problems.push('mode must be enforce, testing or none.');
  if (policy.mode !== 'none' && policy.mx.length === 0) policy.problems.push('The policy lists no mx: lines.');
  if (!(Number.isInteger(policy.maxAge) && policy.maxAge! >= 0 && policy.maxAge! <= 31557600)) policy.problems.push('max_age must be seconds, up to 31557600.');
  return policy;
}

const mxMatches = (pattern: string, host: string): boolean =>
  pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.split('.').length === pattern.split('.').length : pattern === host;

async function fetchPolicy(domain: string, timeoutMs: number): Promise<{ text: string } | { unreachable: string }> {
  try {
    const response = await fetch(`https://mta-sts.${domain}/.well-known/mta-sts.txt`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) return { unreachable: `HTTP ${response.status}` };
    return { text: (await response.text()).slice(0, 64_000) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { unreachable: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** true: an address; false: the name has none (NXDOMAIN or NODATA for both); undefined: DNS could not say. */
async function hostResolves(run: AuditRun, host: string): Promise<boolean | undefined> {
  let unknown = false;
  for (const type of ['A', 'AAAA']) {
    try {
      if (((await run.dns.resolve(host, type)) as string[]).length > 0) return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ENOTFOUND' && code !== 'ENODATA') unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/** MTA-STS: the _mta-sts TXT record, its policy host, and the policy (pasted, or fetched over HTTPS when the network allows). */
export async function auditMtaSts(run: AuditRun, mxHosts: string[], pasted?: string): Promise<SectionOutcome> {
  const txt = await run.txt(`_mta-sts.${run.domain}`);
  const record = txt.ok ? txt.records.find((text) => /^v=STSv1/i.test(text)) : undefined;
  if (!record) {
    run.find('mta-sts', 'mta-sts-missing', 'info', `${run.domain} publishes no MTA-STS record.`, 'Without MTA-STS, senders fall back to unencrypted delivery when someone strips STARTTLS.', `Publish TXT at _mta-sts.${run.domain} "v=STSv1; id=20260101" and a policy at https://mta-sts.${run.domain}/.well-known/mta-sts.txt.`);
    return { status: 'info', summary: 'No MTA-STS record.' };
  }
  if (!/;\s*id=[A-Za-z0-9]{1,32}\s*;?$/.test(record)) run.find('mta-sts', 'mta-sts-id', 'error', 'The _mta-sts record has no valid id= (1-32 letters and digits).', 'Senders ignore the record.', 'Write "v=STSv1; id=20260101".');
  // the policy is fetched from https://mta-sts.<domain>/: a host that does not resolve makes the record useless
  const host = `mta-sts.${run.domain}`;
  const resolves = await hostResolves(run, host);
  if (resolves === false) {
    run.find('mta-sts', 'mta-sts-host', 'error', `The policy host ${host} does not resolve (no A or AAAA).`, 'Senders cannot fetch the policy, so MTA-STS is not applied.', `Publish an A or AAAA record for ${host} pointing at the server that serves /.well-known/mta-sts.txt.`);
  }
  let text = pasted;
  let source = 'pasted';
  if (text === undefined) {
    if (!run.dns.networked) return { ...notChecked('policy fetch needs the network (paste the policy to check it offline)'), records: [record] };
    const fetched = await fetchPolicy(run.domain, run.network.timeoutMs);
    if ('unreachable' in fetched) return { ...notChecked(`network unreachable (${fetched.unreachable}); paste the policy to check it`), records: [record] };
    text = fetched.text;
    source = 'fetched';
  }
  const policy = parseMtaStsPolicy(text);
  for (const problem of policy.problems) run.find('mta-sts', 'mta-sts-policy', 'error', `MTA-STS policy: ${problem}`, 'Senders ignore a policy they cannot parse.', 'Fix the policy file: version, mode, mx and max_age lines.');
  if (policy.mode === 'testing') run.find('mta-sts', 'mta-sts-testing', 'info', 'The MTA-STS policy is in testing mode.', 'Failures are only reported (TLS-RPT), not enforced.', 'Switch to mode: enforce once TLS reports are clean.');
  for (const host of mxHosts) {
    if (policy.mode === 'enforce' && !policy.mx.some((pattern) => mxMatches(pattern, host))) {
      run.find('mta-sts', 'mta-sts-mx-unlisted', 'error', `The MX ${host} is not listed in the MTA-STS policy.`, 'Senders enforcing the policy refuse to deliver to it.', `Add "mx: ${host}" to the policy.`);
    }
  }
  return { status: run.statusOf('mta-sts'), summary: `mode ${policy.mode ?? '?'} (${source}), ${policy.mx.length} mx pattern(s).`, records: [record, ...text.split(/\r?\n/).filter(Boolean)] };
}

/**
 * Reads a TLS-RPT record (RFC 8460 section 3): `v=TLSRPTv1` first, then `rua=` with one or more
 * mailto: or https: URIs, fields separated by `;`. Returns each syntax problem as a sentence.
 */
export function tlsRptProblems(record: string): string[] {
  const problems: string[] = [];
  const fields = record.split(';').map((field) => field.trim()).filter(Boolean);
  const version = fields[0] ?? '';
  if (!/^v\s*=\s*TLSRPTv1$/.test(version)) {
    problems.push(/^v\s*=\s*TLSRPTv1\s/.test(version) ? `"${version}": a ";" is missing after v=TLSRPTv1.` : `"${version.slice(0, 40)}" is not v=TLSRPTv1 (the version is exact, case included).`);
  }
  const rua = fields.find((field) => /^rua\s*=/i.test(field));
  if (!rua && !/rua\s*=/i.test(version)) problems.push('The record has no rua= destination.');
  for (const uri of (rua?.replace(/^rua\s*=/i, '') ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    if (!/^(?:mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/i.test(uri)) problems.push(`rua= has "${uri}", which is not a mailto: address or an https: URL.`);
  }
  return problems;
}

/** TLS-RPT (RFC 8460): where senders report TLS failures. */
export async function auditTlsRpt(run: AuditRun): Promise<SectionOutcome> {
  const txt = await run.txt(`_smtp._tls.${run.domain}`);
  if (!txt.ok && !txt.missing) return notChecked(`DNS error ${txt.code}`);
  // anything that starts like a TLS-RPT record is one with a syntax error, not "no record"
  const candidates = txt.ok ? txt.records.filter((text) => /^\s*v\s*=\s*TLSRPT/i.test(text)) : [];
  if (candidates.length > 1) {
    run.find('tls-rpt', 'tls-rpt-multiple', 'error', `_smtp._tls.${run.domain} holds ${candidates.length} TLS-RPT records.`, 'Senders ignore all of them when there is more than one (RFC 8460 3).', 'Keep exactly one v=TLSRPTv1 record.');
    return { status: 'error', summary: `${candidates.length} TLS-RPT records.`, records: candidates };
  }
  const record = candidates[0];
  if (record) {
    for (const problem of tlsRptProblems(record)) run.find('tls-rpt', 'tls-rpt-syntax', 'error', `TLS-RPT record: ${problem}`, 'Senders ignore a record they cannot parse, so no TLS report reaches you.', `Write it as "v=TLSRPTv1; rua=mailto:tls-reports@${run.domain}".`);
    if (run.findings.some((finding) => finding.rule === 'tls-rpt-syntax')) return { status: 'error', summary: 'TLS-RPT record with a syntax error.', records: [record] };
  }
  if (!record) {
    run.find('tls-rpt', 'tls-rpt-missing', 'info', `${run.domain} publishes no TLS-RPT record.`, 'You will not hear about senders failing to deliver over TLS.', `Publish TXT at _smtp._tls.${run.domain}: "v=TLSRPTv1; rua=mailto:tls-reports@${run.domain}".`);
    return { status: 'info', summary: 'No TLS-RPT record.' };
  }
  return { status: run.statusOf('tls-rpt'), summary: 'TLS-RPT record present.', records: [record] };
}

/** BIMI (default._bimi): an https SVG logo, an optional VMC, and the enforcing DMARC it depends on. */
export async function auditBimi(run: AuditRun, applied: { policy: ParsedDmarc; recordDomain: string } | undefined): Promise<SectionOutcome> {
  const txt = await run.txt(`default._bimi.${run.domain}`);
  const record = txt.ok ? txt.records.find((text) => /^v=BIMI1/i.test(text)) : undefined;
  if (!record) {
    run.find('bimi', 'bimi-missing', 'info', `${run.domain} publishes no BIMI record.`, 'No brand logo next to your mail in clients that support BIMI.', `Publish TXT at default._bimi.${run.domain}: "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem".`);
    return { status: 'info', summary: 'No BIMI record.' };
  }
  const tags = new Map(record.split(';').map((part) => part.trim().split('=')).filter((pair) => pair.length >= 2).map(([key, ...rest]) => [key!.toLowerCase(), rest.join('=').trim()] as const));
  const location = tags.get('l') ?? '';
  if (location && !/^https:\/\/\S+\.svg$/i.test(location)) run.find('bimi', 'bimi-location', 'error', `l=${location} is not an https URL of an SVG file.`, 'Clients only show SVG Tiny PS logos served over HTTPS.', 'Point l= at https://…/logo.svg.');
  if (!tags.get('a')) run.find('bimi', 'bimi-no-vmc', 'info', 'The BIMI record has no a= certificate (VMC or CMC).', 'Gmail and Apple Mail show logos only with a certificate.', 'Get a VMC or CMC for the logo and publish its URL in a=.');
  const dmarc = applied?.policy;
  // the policy that applies to this domain: its own p=, or sp= of a record it inherits (RFC 9989)
  const tag = applied && applied.recordDomain !== run.domain && dmarc?.tags.has('sp') ? 'sp' : 'p';
  const policy = tag === 'sp' ? dmarc?.tags.get('sp')?.toLowerCase() : dmarc?.policy;
  const from = applied && applied.recordDomain !== run.domain ? ` (from the record of ${applied.recordDomain})` : '';
  const testing = dmarc?.tags.get('t')?.toLowerCase() === 'y' || (dmarc?.tags.has('pct') && dmarc.tags.get('pct') !== '100');
  if (policy !== 'quarantine' && policy !== 'reject') {
    run.find('bimi', 'bimi-dmarc-weak', 'error', `BIMI needs DMARC quarantine or reject; the policy that applies to ${run.domain} is ${policy ? `${tag}=${policy}${from}` : 'missing'}.`, 'Clients ignore BIMI without an enforcing DMARC policy.', `Set ${tag}=quarantine or ${tag}=reject in _dmarc.${applied?.recordDomain ?? run.domain}.`);
  }
  else if (testing) run.find('bimi', 'bimi-dmarc-testing', 'error', 'DMARC is in test mode (t=y or pct below 100).', 'Clients ignore BIMI unless the policy applies to all mail.', 'Remove t=y / pct from the DMARC record.');
  return { status: run.statusOf('bimi'), summary: location ? `logo ${location}` : 'Record present (declined: empty l=).', records: [record] };
}
