import { useMemo, useState } from 'react';
import { documentStore } from '../state/document';
import { useStore } from '../state/store';
import { EmailFrame } from './EmailFrame';
import { openPreviewLink } from './links';
import { remoteImageCount } from './remote-images';
import { darkModes, previewStore, type PreviewView, type PreviewWidth } from './preview-state';
import { formatKb, GMAIL_CLIP_BYTES, utf8Bytes } from './size';
import { TextPart } from './TextPart';
import { clientIds, clientProfiles, isClientId } from '../../../shared/clients/index';
import { ClientPreviews, defaultCompare } from './ClientPreview';
import type { DarkMode } from './frame-document';

const widths: readonly { value: PreviewWidth; label: string }[] = [
  { value: 320, label: '320' },
  { value: 375, label: '375' },
  { value: 600, label: '600' },
  { value: 'full', label: 'Full' },
];
const views: readonly { value: PreviewView; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'text', label: 'Text part' },
  { value: 'source', label: 'HTML source' },
];

/** The preview pane: the sandboxed email with client emulations, the text part and the compiled HTML. */
export function Preview() {
  const html = useStore(documentStore, (doc) => doc.compiledHtml);
  const compileOk = useStore(documentStore, (doc) => doc.compileOk);
  const state = useStore(previewStore, (preview) => preview);
  const [linkNote, setLinkNote] = useState<string>();
  const size = utf8Bytes(html);
  const clipped = size > GMAIL_CLIP_BYTES;
  const remoteImages = useMemo(() => remoteImageCount(html), [html]);

  const onLink = (href: string) => {
    openPreviewLink(href).then(
      (outcome) => setLinkNote(outcome.opened ? `Opened ${outcome.url} outside Mailbench.` : `Link not opened: ${outcome.reason}`),
      (error: Error) => setLinkNote(`Link not opened: ${error.message}`),
    );
  };

  return (
    <section className="preview" aria-label="Preview">
      <div className="preview-toolbar" role="toolbar" aria-label="Preview options">
        <div role="group" aria-label="Preview width" className="segmented">
          {widths.map((width) => (
            <button key={width.label} type="button" aria-pressed={state.width === width.value} onClick={() => previewStore.set({ width: width.value })}>
              {width.label}
            </button>
          ))}
        </div>
        <label className="preview-select">
          <span className="sr-only">Dark mode</span>
          <select aria-label="Dark mode" value={state.dark} onChange={(event) => previewStore.set({ dark: event.target.value as DarkMode })}>
            {darkModes.map((mode) => (
              <option key={mode.value} value={mode.value}>
                {mode.label}
              </option>
            ))}
          </select>
        </label>
        <label className="preview-select">
          <span className="sr-only">Client</span>
          <select aria-label="Client" value={state.client} onChange={(event) => previewStore.set({ client: isClientId(event.target.value) ? event.target.value : 'browser', compare: [] })}>
            <option value="browser">This browser</option>
            {clientIds.map((id) => (
              <option key={id} value={id}>
                {clientProfiles[id].label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={state.compare.length > 0} onClick={() => previewStore.set({ compare: state.compare.length > 0 ? [] : defaultCompare })}>
          Compare clients
        </button>
        <button type="button" aria-pressed={state.imagesOff} onClick={() => previewStore.set({ imagesOff: !state.imagesOff })}>
          Images off
        </button>
        <button
          type="button"
          aria-pressed={state.remoteImages}
          title="Loads https images from their servers, which tells the sender you opened the email"
          onClick={() => previewStore.set({ remoteImages: !state.remoteImages })}
        >
          Remote images
        </button>
        <div role="group" aria-label="Preview view" className="segmented">
          {views.map((view) => (
            <button key={view.value} type="button" aria-pressed={state.view === view.value} onClick={() => previewStore.set({ view: view.value })}>
              {view.label}
            </button>
          ))}
        </div>
        <span className={clipped ? 'preview-size preview-size-over' : 'preview-size'} data-testid="preview-size" role="status">
          {html ? `HTML ${formatKb(size)}` : 'Not compiled yet'}
          {clipped && <strong> ▲ over Gmail&apos;s {formatKb(GMAIL_CLIP_BYTES)} clip: Gmail will cut the message</strong>}
        </span>
      </div>
      {compileOk === false && html && (
        <p className="preview-stale" role="status">
          Showing the last good compile: the source has errors (see the markers).
        </p>
      )}
      {state.view === 'email' && !state.remoteImages && remoteImages > 0 && (
        <p className="preview-note" role="status" data-testid="remote-images-off">
          Remote images are off: {remoteImages} image{remoteImages === 1 ? '' : 's'} from the web {remoteImages === 1 ? 'is' : 'are'} not loaded, so
          {remoteImages === 1 ? ' it shows' : ' they show'} as broken or as alt text (many mail clients do the same until the reader allows images).{' '}
          <button type="button" className="btn btn-ghost" onClick={() => previewStore.set({ remoteImages: true })}>Load remote images</button>
        </p>
      )}
      {linkNote && (
        <p className="preview-note" role="status">
          {linkNote}
        </p>
      )}
      {state.view === 'email' && state.client === 'browser' && state.compare.length === 0 && (
        <EmailFrame html={html} width={state.width} remoteImages={state.remoteImages} dark={state.dark} imagesOff={state.imagesOff} onLink={onLink} />
      )}
      {state.view === 'email' && (state.client !== 'browser' || state.compare.length > 0) && (
        <ClientPreviews
          html={html}
          clients={state.compare.length > 0 ? state.compare : state.client === 'browser' ? [] : [state.client]}
          comparing={state.compare.length > 0}
          width={state.width}
          dark={state.dark !== 'off'}
          remoteImages={state.remoteImages}
          imagesOff={state.imagesOff}
          onLink={onLink}
        />
      )}
      {state.view === 'text' && <TextPart />}
      {state.view === 'source' && (
        <pre className="html-source mono" aria-label="Compiled HTML source" tabIndex={0}>
          {html}
        </pre>
      )}
    </section>
  );
}
