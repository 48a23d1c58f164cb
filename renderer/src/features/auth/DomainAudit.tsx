import { useState } from 'react';
import type { AuditReport, Blocklist, DnsSource } from '../../../../shared/contract/auth';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { Button } from '../../ui/Button';
import { SpfTreeView } from './MessageReportView';
import { Badge, Failure, splitList, Trail, useAction } from './parts';

const SEVERITY_TONE = { error: 'fail', warning: 'warning', info: 'info' } as const;

export function AuditReportView({ report }: { report: AuditReport }) {
  return (
    <section className="auth-report" aria-label={`Domain audit of ${report.domain}`}>
      {report.sections.map((section) => {
        const findings = report.findings.filter((finding) => finding.family === section.id);
        return (
          <section key={section.id} className="auth-verdict" aria-label={`${section.title}: ${section.status}`}>
            <header>
              <h3>{section.title}</h3>
              <Badge result={section.status === 'error' ? 'fail' : section.status} />
            </header>
            <p className="auth-why">{section.summary}</p>
            {section.records.length > 0 && <pre className="mono auth-record">{section.records.join('\n')}</pre>}
            {section.id === 'spf' && report.spfTree && <SpfTreeView tree={report.spfTree} />}
            {findings.length > 0 && (
              <ul className="auth-findings">
                {findings.map((finding, index) => (
                  <li key={index}>
                    <Badge result={SEVERITY_TONE[finding.severity]} /> {finding.message}
                    <div className="auth-why">{finding.why}</div>
                    <div className="auth-fix">Fix: {finding.fix}</div>
                  </li>
                ))}
              </ul>
            )}
            <Trail lookups={section.trail} />
          </section>
        );
      })}
    </section>
  );
}

/** The domain audit form: domain, selectors, sending IPs, an MTA-STS policy to check offline. */
export function DomainAudit({ dns, shown, onShown }: { dns: DnsSource; shown?: AuditReport; onShown(report: AuditReport): void }) {
  const [domain, setDomain] = useState('');
  const [selectors, setSelectors] = useState('');
  const [ips, setIps] = useState('');
  const [policy, setPolicy] = useState('');
  const [known] = useLoad(() => client.call('auth.blocklists', {}), []);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [custom, setCustom] = useState('');
  const blocklists = (): Blocklist[] | undefined => {
    const extra = custom.split('\n').map((line) => line.trim().split(/\s+/)).filter((parts) => parts[0]).map(([zone, kind, ...name]) => ({ zone: zone!, kind: kind === 'domain' ? ('domain' as const) : ('ip' as const), name: name.join(' ') || zone! }));
    if (known.state !== 'ready' || (skipped.size === 0 && extra.length === 0)) return undefined;
    return [...known.value.filter((list) => !skipped.has(list.zone)).map(({ zone, kind, name }) => ({ zone, kind, name })), ...extra];
  };
  const [audit, runAudit] = useAction(async () => {
    const lists = blocklists();
    const report = await client.call('auth.auditDomain', { domain: domain.trim(), dns, selectors: splitList(selectors), ips: splitList(ips), ...(policy.trim() ? { mtaStsPolicy: policy } : {}), ...(lists ? { blocklists: lists } : {}) });
    onShown(report);
    return report;
  });
  const report = audit.state === 'done' ? audit.value : shown;
  return (
    <div className="auth-tab">
      <div className="auth-row">
        <label className="auth-field">
          <span>Domain</span>
          <input className="mono" value={domain} onChange={(event) => setDomain(event.target.value)} placeholder="example.com" />
        </label>
        <label className="auth-field">
          <span>DKIM selectors (besides the common ones)</span>
          <input className="mono" value={selectors} onChange={(event) => setSelectors(event.target.value)} placeholder="s1, google" />
        </label>
        <label className="auth-field">
          <span>Sending IPs (PTR, blocklists)</span>
          <input className="mono" value={ips} onChange={(event) => setIps(event.target.value)} placeholder="192.0.2.25" />
        </label>
      </div>
      <details>
        <summary>MTA-STS policy to check instead of fetching it</summary>
        <textarea className="mono" rows={5} value={policy} onChange={(event) => setPolicy(event.target.value)} placeholder={'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800'} />
      </details>
      <details>
        <summary>DNS blocklists to ask</summary>
        {known.state === 'ready' && (
          <ul className="auth-blocklists">
            {known.value.map((list) => (
              <li key={list.zone}>
                <label className="auth-check">
                  <input
                    type="checkbox"
                    checked={!skipped.has(list.zone)}
                    onChange={(event) => {
                      const next = new Set(skipped);
                      if (event.target.checked) next.delete(list.zone);
                      else next.add(list.zone);
                      setSkipped(next);
                    }}
                  />
                  {list.name} <span className="mono auth-muted">{list.zone} ({list.kind})</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <label className="auth-field">
          <span>More lists, one a line: zone, ip or domain, name</span>
          <textarea className="mono" rows={2} value={custom} onChange={(event) => setCustom(event.target.value)} placeholder="dnsbl.example.net ip Example DNSBL" />
        </label>
      </details>
      <div className="auth-row">
        <Button variant="primary" disabled={!domain.trim() || audit.state === 'running'} onClick={() => void runAudit()}>
          {audit.state === 'running' ? 'Auditing…' : 'Audit domain'}
        </Button>
      </div>
      {audit.state === 'failed' && <Failure error={audit.error} />}
      {report && <AuditReportView report={report} />}
    </div>
  );
}
