import type { Finding } from '../../../shared/model/finding';
import { appearanceStore } from '../state/appearance';
import { runCommand } from '../state/commands';
import { documentStore } from '../state/document';
import { useStore } from '../state/store';

/** Gmail cuts messages whose HTML is larger than this and hides the rest behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/** The lint engine sets a spam score with every result, so without one (and no findings) it has not run yet. */
function lintSummary(findings: readonly Finding[], linted: boolean): string {
  if (findings.length === 0) return linted ? 'No findings' : 'Not linted yet';
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
    .join(' · ');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

/** File, lint summary and size against Gmail's clip, always visible under every panel. */
export function StatusBar() {
  const title = useStore(documentStore, (doc) => doc.title);
  const dirty = useStore(documentStore, (doc) => doc.dirty);
  const language = useStore(documentStore, (doc) => doc.language);
  const findings = useStore(documentStore, (doc) => doc.findings);
  const spamScore = useStore(documentStore, (doc) => doc.spamScore);
  const html = useStore(documentStore, (doc) => doc.compiledHtml);
  // The source does not compile: what was linted is the last good compile, so no "✓" for the source on screen.
  const broken = useStore(documentStore, (doc) => doc.language === 'mjml' && doc.compileOk === false);
  const theme = useStore(appearanceStore, (appearance) => appearance.choice);
  const size = new TextEncoder().encode(html).length;
  const clipped = size > GMAIL_CLIP_BYTES;
  const errors = findings.some((finding) => finding.severity === 'error');
  // The mark agrees with the findings list: notes alone are not a warning.
  const warnings = findings.some((finding) => finding.severity === 'warning');
  return (
    <footer className="status-bar" aria-label="Document status">
      <span className="status-item" data-testid="status-document">
        <span className="mono">{title}</span>
        {dirty && <span title="Unsaved changes"> • <span className="sr-only">unsaved changes</span></span>}
        <span className="status-muted"> {language.toUpperCase()}</span>
      </span>
      <span className={`status-item ${errors || broken ? 'status-error' : ''}`} data-testid="status-lint">
        <span aria-hidden="true">{errors || broken ? '✖ ' : warnings ? '▲ ' : spamScore !== undefined ? '✓ ' : '○ '}</span>
        {broken && 'Does not compile · last good compile: '}
        {lintSummary(findings, spamScore !== undefined)}
        {spamScore !== undefined && ` · spam ${(Number(spamScore.toFixed(1)) || 0).toFixed(1)}`}
      </span>
      <span className={`status-item ${clipped ? 'status-error' : ''}`} data-testid="status-size">
        {html ? `${kb(size)} of ${kb(GMAIL_CLIP_BYTES)}${clipped ? ' — Gmail clips this' : ''}` : 'Not compiled yet'}
      </span>
      <span className="status-spacer" />
      <button type="button" className="status-button" onClick={() => runCommand('theme.cycle')} aria-label={`Theme: ${theme}. Switch theme`}>
        <span aria-hidden="true">◐</span> {theme}
      </button>
      <button type="button" className="status-button" onClick={() => runCommand('help.shortcuts')}>
        Shortcuts
      </button>
    </footer>
  );
}
