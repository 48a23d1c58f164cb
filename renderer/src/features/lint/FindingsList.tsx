import { useMemo, useState } from 'react';
import type { Finding, Severity } from '../../../../shared/model/finding';
import { goTo } from '../../shell/navigation';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { useLiveLint } from './live-lint';
import { groupFindings } from './group';
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
const icons: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

/** Moves the editor's cursor to a finding (the editor listens to `reveal`) and shows the editor. */
export function revealFinding(finding: Finding): void {
  if (!finding.range) return;
  documentStore.set({ reveal: { range: finding.range, at: Date.now() } });
  goTo('editor');
}

/**
 * The open document's findings, grouped by family and then by rule with a count and every place; filterable by
 * severity, information hidden until asked for (it is detail: what a small share of opens loses, or a caveat).
 * Choosing a place moves the editor's cursor to it. Mounting it keeps the document linted.
 */
export function FindingsList() {
  useLiveLint();
  const findings = useStore(documentStore, (doc) => doc.findings);
  // Every lint result carries a spam score: without one, nothing has been linted yet and "No findings" would be a verdict.
  const linted = useStore(documentStore, (doc) => doc.spamScore !== undefined);
  // A broken MJML source keeps its last good compile for the preview and for lint: say whose findings these are.
  const stale = useStore(documentStore, (doc) => doc.language === 'mjml' && doc.compileOk === false);
  const [filter, setFilter] = useState<Filter>('all');
  const [showInfo, setShowInfo] = useState(false);
  const families = useMemo(() => {
    const shown = filter === 'all' ? findings.filter((f) => showInfo || f.severity !== 'info') : findings.filter((f) => f.severity === filter);
    return groupFindings(shown);
  }, [findings, filter, showInfo]);
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const hiddenInfo = filter === 'all' && !showInfo ? count('info') : 0;

  return (
    <div className="findings">
      <div className="findings-toolbar">
        <label>
          Show{' '}
          <select aria-label="Severity" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            <option value="all">All ({showInfo ? findings.length : findings.length - count('info')})</option>
            <option value="error">Errors ({count('error')})</option>
            <option value="warning">Warnings ({count('warning')})</option>
            <option value="info">Info ({count('info')})</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showInfo} onChange={(event) => setShowInfo(event.target.checked)} /> Include info ({count('info')})
        </label>
      </div>
      {stale && (
        <p className="findings-stale" role="status">
          The MJML does not compile (see the markers in the editor): these findings are for the last good compile.
        </p>
      )}
      <ul className="findings-groups" aria-label="Findings">
        {families.length === 0 && (
          <li className="findings-empty">{findings.length === 0 ? (linted ? 'No findings.' : 'Not linted yet.') : hiddenInfo > 0 ? `No errors or warnings; ${hiddenInfo} info not shown.` : 'No findings at this severity.'}</li>
        )}
        {families.map(([family, groups, total]) => (
          <li key={family} className="findings-group">
            <h3 className="findings-family" id={`findings-${family}`}>
              {familyLabels[family] ?? family} <span className="findings-count">({total})</span>
            </h3>
            <ul aria-labelledby={`findings-${family}`}>
              {groups.map((group) => (
                <li key={`${group.severity} ${group.rule}`} className={`finding-rule finding-${group.severity}`}>
                  <h4 className="finding-rule-title">
                    <span className="finding-icon" aria-hidden="true">
                      {icons[group.severity]}
                    </span>
                    <span className="mono">{group.rule}</span> <span className="findings-count">× {group.findings.length}</span>
                  </h4>
                  <ul aria-label={`${group.rule}: ${group.findings.length} ${group.findings.length === 1 ? 'place' : 'places'}`}>
                    {group.findings.map((finding, i) => (
                      <li key={i} className="finding">
                        <button type="button" className="finding-button" onClick={() => revealFinding(finding)} disabled={!finding.range} title={`${finding.why} ${finding.fix}`}>
                          <span className="lint-sr-only">{finding.severity}: </span>
                          <span className="finding-message">{finding.message}</span>
                          <span className="finding-meta">
                            {finding.score !== undefined ? `${finding.score.toFixed(1)} pts · ` : ''}
                            {finding.range ? `line ${finding.range.startLine}` : 'whole message'}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
