import { useCallback, useEffect, useState } from 'react';
import type { ImportResult, Summary } from '../../../../shared/contract/dmarc';
import { client } from '../../platform/index';
import { EmptyState } from '../../ui/EmptyState';
import { num, pct, rateClass } from './format';
import { ImportBox, ImportSummary } from './ImportBox';
import { Trend } from './Trend';
import { DaysTable, FailuresView, PolicyApplied, SeedJoinView, SourcesTable, TlsView, WhatIfView } from './Views';
import './dmarc.css';

/** DMARC reports: import aggregate, failure and TLS reports, then read them per domain, day and source. */
export default function DmarcPanel() {
  const [summary, setSummary] = useState<Summary>();
  const [domain, setDomain] = useState<string>();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [lastImport, setLastImport] = useState<ImportResult>();
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  const [lookUpPtr, setLookUpPtr] = useState(false);

  const load = useCallback(async () => {
    try {
      const result = await client.call('dmarc.summary', { ...(since ? { since } : {}), ...(until ? { until } : {}), lookUpPtr });
      setSummary(result);
      setDomain((current) => (current && result.domains.some((d) => d.domain === current) ? current : result.domains[0]?.domain));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [since, until, lookUpPtr]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const selected = summary?.domains.find((d) => d.domain === domain);
  const imported = (result: ImportResult) => {
    setLastImport(result);
    setVersion((v) => v + 1);
  };

  return (
    <section className="panel dm-panel" aria-labelledby="dmarc-title">
      <div className="dm-row">
        <h1 id="dmarc-title">DMARC reports</h1>
        {summary && summary.domains.length > 0 && (
          <>
            <label>Domain <select value={domain} onChange={(e) => setDomain(e.target.value)}>{summary.domains.map((d) => <option key={d.domain} value={d.domain}>{d.domain}</option>)}</select></label>
            <label>From <input type="date" value={since} onChange={(e) => setSince(e.target.value)} /></label>
            <label>to <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} /></label>
            <label title="Asks DNS for each source's name: this uses the network"><input type="checkbox" checked={lookUpPtr} onChange={(e) => setLookUpPtr(e.target.checked)} /> Look up PTR names (online)</label>
          </>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      <ImportBox onImported={imported} />
      {lastImport && <ImportSummary result={lastImport} />}
      {summary === undefined && <p role="status">Loading reports…</p>}
      {summary?.domains.length === 0 && (
        <EmptyState title="No aggregate reports yet">
          Import the reports receivers send to your rua= address (XML, gzip, zip or the report emails themselves) to see who sends as your domain and whether it passes DMARC.
        </EmptyState>
      )}
      {selected && (
        <>
          <p className="dm-facts" aria-label="Domain totals">
            {selected.domain}: {num(selected.messages)} messages in {num(selected.reports)} reports · DMARC pass{' '}
            <span className={rateClass(selected.dmarcPass, selected.messages)}>{pct(selected.dmarcPass, selected.messages)}</span> · DKIM aligned {pct(selected.dkimAligned, selected.messages)} · SPF aligned {pct(selected.spfAligned, selected.messages)}
          </p>
          <PolicyApplied summary={selected} />
          <section aria-labelledby="dm-trend-title">
            <h2 id="dm-trend-title">By day</h2>
            <Trend domain={selected.domain} days={selected.days} />
            <DaysTable summary={selected} />
          </section>
          <section aria-labelledby="dm-sources-title">
            <h2 id="dm-sources-title">Sources</h2>
            <SourcesTable summary={selected} lookedUp={lookUpPtr} />
          </section>
          <WhatIfView key={`${selected.domain}:${version}`} domain={selected.domain} />
          <section aria-labelledby="dm-seeds-title">
            <h2 id="dm-seeds-title">Seed tests from {selected.domain}</h2>
            <SeedJoinView key={`${selected.domain}:${version}`} domain={selected.domain} />
          </section>
        </>
      )}
      <section aria-labelledby="dm-failures-title">
        <h2 id="dm-failures-title">Failure reports</h2>
        <FailuresView key={version} domain={undefined} />
      </section>
      <section aria-labelledby="dm-tls-title">
        <h2 id="dm-tls-title">SMTP TLS reports</h2>
        <TlsView key={version} />
      </section>
    </section>
  );
}
