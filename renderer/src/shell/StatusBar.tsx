import { lintStore } from '../features/lint/live-lint';
import { appearanceStore } from '../state/appearance';
import { runCommand } from '../state/commands';
import { documentStore } from '../state/document';
import { useStore } from '../state/store';
import { lintStatus } from './lint-status';

/** Gmail cuts messages whose HTML is larger than this and hides the rest behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

/** File, lint summary and size against Gmail's clip, always visible under every panel. */
export function StatusBar() {
  const title = useStore(documentStore, (doc) => doc.title);
  const dirty = useStore(documentStore, (doc) => doc.dirty);
  const language = useStore(documentStore, (doc) => doc.language);
  const findings = useStore(documentStore, (doc) => doc.findings);
  const spamScore = useStore(documentStore, (doc) => doc.spamScore);
  const current = useStore(documentStore, (doc) => doc.lintedSource === doc.source);
  // A failure stands until the next lint starts.
  const failed = useStore(lintStore, (lint) => lint.error !== undefined && !lint.running);
  const html = useStore(documentStore, (doc) => doc.compiledHtml);
  // The source does not compile: what was linted is the last good compile, so no "✓" for the source on screen.
  const broken = useStore(documentStore, (doc) => doc.language === 'mjml' && doc.compileOk === false);
  const theme = useStore(appearanceStore, (appearance) => appearance.choice);
  const size = new TextEncoder().encode(html).length;
  const clipped = size > GMAIL_CLIP_BYTES;
  const lint = lintStatus({ findings, spamScore, current, broken, failed });
  return (
    <footer className="status-bar" aria-label="Document status">
      <span className="status-item" data-testid="status-document">
        <span className="mono">{title}</span>
        {dirty && <span title="Unsaved changes"> • <span className="sr-only">unsaved changes</span></span>}
        <span className="status-muted"> {language.toUpperCase()}</span>
      </span>
      <span className={`status-item ${lint.error ? 'status-error' : ''}`} data-testid="status-lint">
        <span aria-hidden="true">{lint.mark}</span>
        {lint.text}
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
