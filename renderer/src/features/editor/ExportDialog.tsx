import { useEffect, useState } from 'react';
import { client } from '../../platform/index';
import { download } from '../../shell/documents';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { describeError, say, subjectOf } from './actions';

const stem = (title: string): string => title.replace(/\.(mjml|html?)$/i, '') || 'email';

/** HTML (optionally minified) to a file, a download or the clipboard; or an .eml with both parts. */
export function ExportDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const html = useStore(documentStore, (doc) => doc.compiledHtml);
  const text = useStore(documentStore, (doc) => doc.textPart);
  const title = useStore(documentStore, (doc) => doc.title);
  const [minify, setMinify] = useState(false);
  const [htmlPath, setHtmlPath] = useState('');
  const [emlPath, setEmlPath] = useState('');
  const [subject, setSubject] = useState('');
  const [status, setStatus] = useState<string>();

  useEffect(() => {
    if (open) {
      setSubject(subjectOf(html, stem(title)));
      setStatus(undefined);
    }
  }, [open]);

  const run = async (work: () => Promise<string>) => {
    try {
      const message = await work();
      setStatus(message);
      say('info', message);
    } catch (error) {
      setStatus(`Export failed: ${describeError(error)}`);
    }
  };

  const exportHtml = () =>
    run(async () => {
      const result = await client.call('export.html', { html, minify, ...(htmlPath.trim() ? { path: htmlPath.trim() } : {}) });
      if (result.path) return `Exported ${result.bytes} bytes of HTML to ${result.path}.`;
      download(`${stem(title)}.html`, result.content, 'text/html');
      return `Downloaded ${stem(title)}.html (${result.bytes} bytes).`;
    });
  const copyHtml = () =>
    run(async () => {
      const content = minify ? (await client.call('export.html', { html, minify: true })).content : html;
      await navigator.clipboard.writeText(content);
      return `Copied ${content.length} characters of HTML.`;
    });
  const exportEml = () =>
    run(async () => {
      const result = await client.call('export.eml', { html, text, subject, ...(emlPath.trim() ? { path: emlPath.trim() } : {}) });
      if (result.path) return `Exported the message to ${result.path}.`;
      download(`${stem(title)}.eml`, result.content, 'message/rfc822');
      return `Downloaded ${stem(title)}.eml.`;
    });

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Export" description="The HTML of the last good compile, and the text part.">
      {!html && <p role="alert">Nothing to export yet: write or open a template first.</p>}
      <fieldset className="dialog-form" disabled={!html}>
        <legend>HTML</legend>
        <label className="checkbox">
          <input type="checkbox" checked={minify} onChange={(event) => setMinify(event.target.checked)} /> Minify (keeps Outlook conditional comments)
        </label>
        <label>
          Save to path (leave empty to download)
          <input className="mono" type="text" value={htmlPath} onChange={(event) => setHtmlPath(event.target.value)} placeholder={`/home/you/${stem(title)}.html`} />
        </label>
        <div className="dialog-actions">
          <Button variant="primary" onClick={() => void exportHtml()}>
            Export HTML
          </Button>
          <Button onClick={() => void copyHtml()}>Copy HTML</Button>
        </div>
      </fieldset>
      <fieldset className="dialog-form" disabled={!html}>
        <legend>.eml message (HTML and text parts)</legend>
        <label>
          Subject
          <input type="text" value={subject} onChange={(event) => setSubject(event.target.value)} />
        </label>
        <label>
          Save to path (leave empty to download)
          <input className="mono" type="text" value={emlPath} onChange={(event) => setEmlPath(event.target.value)} placeholder={`/home/you/${stem(title)}.eml`} />
        </label>
        <div className="dialog-actions">
          <Button onClick={() => void exportEml()}>Export .eml</Button>
        </div>
      </fieldset>
      {status && (
        <p role="status" className="dialog-status">
          {status}
        </p>
      )}
    </Dialog>
  );
}
