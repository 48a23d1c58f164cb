import { useMemo, useState } from 'react';
import type { Finding, Severity } from '../../../../shared/model/finding';
import { goTo } from '../../shell/navigation';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { useLiveLint } from './live-lint';
import './lint.css';

type Filter = 'all' | Severity;

const familyLabels: Record<string, string> = {
  spam: 'Spam triggers',
  compatibility: 'Client support',
  accessibility: 'Accessibility',
  links: 'Links and images',
  structure: 'Structure and size',
  sender: 'Sender requirements',
};
const order = ['spam', 'sender', 'structure', 'links', 'accessibility', 'compatibility'];
const icons: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Moves the editor's cursor to a finding (the editor listens to `reveal`) and shows the editor. */
export function revealFinding(finding: Finding): void {
  if (!finding.range) return;
  documentStore.set({ reveal: { range: finding.range, at: Date.now() } });
  goTo('editor');
}

/**
 * The open document's findings, grouped by family, filterable by severity; choosing one moves the
 * editor's cursor to it. Mounting it keeps the document linted.
 */
export function FindingsList() {
  useLiveLint();
  const findings = useStore(documentStore, (doc) => doc.findings);
  const [filter, setFilter] = useState<Filter>('all');
  const groups = useMemo(() => {
    const shown = filter === 'all' ? findings : findings.filter((f) => f.severity === filter);
    const byFamily = new Map<string, Finding[]>();
    for (const finding of shown) byFamily.set(finding.family, [...(byFamily.get(finding.family) ?? []), finding]);
    return [...byFamily.entries()]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([family, list]) => [family, [...list].sort((x, y) => rank[x.severity] - rank[y.severity] || (x.range?.startLine ?? 0) - (y.range?.startLine ?? 0))] as const);
  }, [findings, filter]);
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;

  return (
    <div className="findings">
      <div className="findings-toolbar">
        <label>
          Show{' '}
          <select aria-label="Severity" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            <option value="all">All ({findings.length})</option>
            <option value="error">Errors ({count('error')})</option>
            <option value="warning">Warnings ({count('warning')})</option>
            <option value="info">Info ({count('info')})</option>
          </select>
        </label>
      </div>
      <ul className="findings-groups" aria-label="Findings">
        {groups.length === 0 && <li className="findings-empty">{findings.length === 0 ? 'No findings.' : 'No findings at this severity.'}</li>}
        {groups.map(([family, list]) => (
          <li key={family} className="findings-group">
            <h3 className="findings-family" id={`findings-${family}`}>
              {familyLabels[family] ?? family} <span className="findings-count">({list.length})</span>
            </h3>
            <ul aria-labelledby={`findings-${family}`}>
              {list.map((finding, i) => (
                <li key={`${finding.rule}-${i}`} className={`finding finding-${finding.severity}`}>
                  <button type="button" className="finding-button" onClick={() => revealFinding(finding)} disabled={!finding.range} title={`${finding.why} ${finding.fix}`}>
                    <span className="finding-icon" aria-hidden="true">
                      {icons[finding.severity]}
                    </span>
                    <span className="lint-sr-only">{finding.severity}: </span>
                    <span className="finding-message">{finding.message}</span>
                    <span className="finding-meta">
                      {finding.rule}
                      {finding.score !== undefined ? ` · ${finding.score.toFixed(1)} pts` : ''}
                      {finding.range ? ` · line ${finding.range.startLine}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
