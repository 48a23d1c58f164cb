import { useEffect, useState } from 'react';
import type { DomainSummary, FailureItem, SeedJoin, TlsItem, WhatIf } from '../../../../shared/contract/dmarc';
import { client } from '../../platform/index';
import { num, pct, rateClass } from './format';

/** Per day: messages, DMARC pass rate, DKIM and SPF alignment, and what the receivers did. */
export function DaysTable({ summary }: { summary: DomainSummary }) {
  return (
    <div className="dm-scroll">
      <table className="dm-table" aria-label={`${summary.domain} by day`}>
        <thead><tr><th scope="col">Day</th><th scope="col">Messages</th><th scope="col">DMARC pass</th><th scope="col">DKIM aligned</th><th scope="col">SPF aligned</th><th scope="col">Quarantined</th><th scope="col">Rejected</th></tr></thead>
        <tbody>
          {summary.days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{num(d.messages)}</td>
              <td className={rateClass(d.dmarcPass, d.messages)}>{pct(d.dmarcPass, d.messages)}</td>
              <td>{pct(d.dkimAligned, d.messages)}</td>
              <td>{pct(d.spfAligned, d.messages)}</td>
              <td>{num(d.quarantine)}</td>
              <td>{num(d.reject)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Per source IP: its service (from the shipped ESP table), known or not, results and dispositions. */
export function SourcesTable({ summary, lookedUp }: { summary: DomainSummary; lookedUp: boolean }) {
  return (
    <div className="dm-scroll">
      <table className="dm-table" aria-label={`${summary.domain} by source`}>
        <thead><tr><th scope="col">Source IP</th><th scope="col" className="dm-text">PTR</th><th scope="col" className="dm-text">Service</th><th scope="col" className="dm-text">Source</th><th scope="col">Messages</th><th scope="col">DMARC pass</th><th scope="col">DKIM aligned</th><th scope="col">SPF aligned</th><th scope="col">Quarantined</th><th scope="col">Rejected</th></tr></thead>
        <tbody>
          {summary.sources.map((s) => (
            <tr key={s.ip}>
              <th scope="row"><code>{s.ip}</code></th>
              <td className="dm-text">{s.ptr ?? (lookedUp ? <span className="dm-facts">no PTR</span> : <span className="dm-facts" title="Reports carry no PTR name; turn on “Look up PTR names” to ask DNS">not looked up</span>)}</td>
              <td className="dm-text">{s.service ?? '–'}</td>
              <td className="dm-text">{s.known === 'known' ? 'known (checked here)' : 'unknown'}</td>
              <td>{num(s.messages)}</td>
              <td className={rateClass(s.dmarcPass, s.messages)}>{pct(s.dmarcPass, s.messages)}</td>
              <td>{pct(s.dkimAligned, s.messages)}</td>
              <td>{pct(s.spfAligned, s.messages)}</td>
              <td>{num(s.dispositions.quarantine)}</td>
              <td>{num(s.dispositions.reject)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The policy the receivers applied, overrides with their reasons, and what was published. */
export function PolicyApplied({ summary }: { summary: DomainSummary }) {
  const { policyApplied: p } = summary;
  return (
    <div className="dm-box" aria-label="Policy applied">
      <p>
        Published: {p.published ? <code>p={p.published.p || '?'}{p.published.sp && `; sp=${p.published.sp}`}{p.published.np && `; np=${p.published.np}`}{p.published.pct && `; pct=${p.published.pct}`}{p.published.testing === 'y' && '; t=y'}</code> : 'unknown'}.
        {' '}Applied: none {num(p.none)} · quarantine {num(p.quarantine)} · reject {num(p.reject)}.
      </p>
      {p.overrides.length > 0 && (
        <ul className="dm-list" aria-label="Policy overrides">
          {p.overrides.map((o) => <li key={`${o.type}:${o.comment}`}>Override <strong>{o.type || 'unspecified'}</strong>{o.comment && ` (${o.comment})`}: {num(o.messages)} messages</li>)}
        </ul>
      )}
    </div>
  );
}

/** What p=quarantine or p=reject would do to the mail seen, and which sources to fix first. */
export function WhatIfView({ domain }: { domain: string }) {
  const [policy, setPolicy] = useState<'quarantine' | 'reject'>('reject');
  const [result, setResult] = useState<WhatIf>();
  useEffect(() => {
    let live = true;
    void client.call('dmarc.whatIf', { domain, policy }).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [domain, policy]);
  return (
    <section aria-labelledby="dm-whatif-title">
      <div className="dm-row">
        <h2 id="dm-whatif-title">Policy what-if</h2>
        <label>At <select value={policy} onChange={(e) => setPolicy(e.target.value as 'quarantine' | 'reject')}><option value="quarantine">p=quarantine</option><option value="reject">p=reject</option></select></label>
      </div>
      {result && (
        <div className="dm-box" role="status" aria-label="What-if result">
          <p>
            <strong>{num(result.affected)}</strong> of {num(result.messages)} messages ({pct(result.affected, result.messages)}) fail DMARC and would be {policy === 'reject' ? 'rejected' : 'quarantined'};{' '}
            {result.legitimateAffected > 0
              ? <><strong>{num(result.legitimateAffected)}</strong> ({pct(result.legitimateAffected, result.messages)} of all mail) come from known services or sources checked here: fix those first.</>
              : 'none of them come from a known sending service or a source checked here.'}
          </p>
          {result.sources.length > 0 && (
            <ul className="dm-list">
              {result.sources.slice(0, 12).map((s) => <li key={s.ip}><code>{s.ip}</code>{s.service && ` (${s.service})`}: {num(s.failing)} failing — {s.why}</li>)}
            </ul>
          )}
          {result.notes.map((n) => <p key={n} className="dm-facts">{n}</p>)}
        </div>
      )}
    </section>
  );
}

/** Failure reports with the failing message's headers, newest first. */
export function FailuresView({ domain }: { domain: string | undefined }) {
  const [failures, setFailures] = useState<FailureItem[]>();
  useEffect(() => {
    void client.call('dmarc.failures', { ...(domain ? { domain } : {}), limit: 100 }).then((r) => setFailures(r.failures));
  }, [domain]);
  if (!failures?.length) return <p className="dm-facts">No failure reports{domain ? ` for ${domain}` : ''}. Receivers send them only when your record asks (ruf=) and few do.</p>;
  return (
    <div aria-label="Failure reports">
      {failures.map((f) => (
        <details key={f.id} className="dm-box">
          <summary>
            {f.arrival.slice(0, 16).replace('T', ' ')} · {f.domain || 'unknown domain'} from <code>{f.sourceIp || '?'}</code> · {f.authFailure || f.feedbackType} · reported by {f.orgName}
            {!f.arf && ' (plain text, no ARF part)'}
          </summary>
          <p>Subject: {f.subject || '–'} · Mail from: {f.originalMailFrom || '–'} · To: {f.originalRcptTo || '–'} · Delivery: {f.deliveryResult || '–'}</p>
          {f.authResults && <p>Authentication-Results: <code>{f.authResults}</code></p>}
          <pre aria-label="Original headers">{f.headers || 'The report included no headers.'}</pre>
        </details>
      ))}
    </div>
  );
}

/** SMTP TLS reports per receiving (policy) domain and failure type. */
export function TlsView() {
  const [domains, setDomains] = useState<TlsItem[]>();
  useEffect(() => {
    void client.call('dmarc.tls', {}).then((r) => setDomains(r.domains));
  }, []);
  if (!domains?.length) return <p className="dm-facts">No SMTP TLS reports yet. Publish a TLS-RPT record (_smtp._tls) to receive them.</p>;
  return (
    <div className="dm-scroll">
      <table className="dm-table" aria-label="TLS reports">
        <thead><tr><th scope="col">Policy domain</th><th scope="col" className="dm-text">Policy</th><th scope="col">Reports</th><th scope="col">Sessions</th><th scope="col">Failed</th><th scope="col" className="dm-text">Failures by type</th></tr></thead>
        <tbody>
          {domains.map((d) => (
            <tr key={d.policyDomain}>
              <th scope="row">{d.policyDomain}</th>
              <td className="dm-text">{d.policyType}</td>
              <td>{num(d.reports)}</td>
              <td>{num(d.successful + d.failed)}</td>
              <td className={d.failed ? 'dm-fail' : 'dm-pass'}>{num(d.failed)}</td>
              <td className="dm-text">{d.failures.length ? d.failures.map((f) => `${f.resultType} at ${f.receivingMx || '?'}: ${num(f.count)}`).join('; ') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Seed tests of mail from the same domain: what the seed mailboxes' Authentication-Results said, and placement. */
export function SeedJoinView({ domain }: { domain: string }) {
  const [join, setJoin] = useState<SeedJoin>();
  useEffect(() => {
    void client.call('dmarc.seedJoin', { domain }).then(setJoin);
  }, [domain]);
  if (!join) return null;
  if (join.rows.length === 0) return <p className="dm-facts">No seed tests sent from {domain} yet: run one in Seed tests to see authentication and placement beside these reports.</p>;
  return (
    <div className="dm-scroll">
      <p className="dm-facts">{join.note}</p>
      <table className="dm-table" aria-label={`Seed results for ${domain}`}>
        <thead><tr><th scope="col">Run</th><th scope="col" className="dm-text">Provider</th><th scope="col" className="dm-text">Placement</th><th scope="col" className="dm-text">SPF</th><th scope="col" className="dm-text">DKIM</th><th scope="col" className="dm-text">DMARC</th><th scope="col">Messages</th></tr></thead>
        <tbody>
          {join.rows.map((r) => (
            <tr key={`${r.runId}:${r.provider}:${r.placement}:${r.spf}:${r.dkim}:${r.dmarc}`}>
              <th scope="row"><code>{r.runId.slice(0, 8)}</code></th>
              <td className="dm-text">{r.provider}</td><td className="dm-text">{r.placement}</td>
              <td className="dm-text">{r.spf}</td><td className="dm-text">{r.dkim}</td><td className="dm-text">{r.dmarc}</td>
              <td>{num(r.messages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
