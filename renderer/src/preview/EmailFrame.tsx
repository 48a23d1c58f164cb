import morphdom from 'morphdom';
import { useEffect, useRef } from 'react';
import { doctypeOf, type FrameOptions, prepareEmailDocument, serializeDocument } from './frame-document';

export interface EmailFrameProps extends FrameOptions {
  html: string;
  width: number | 'full';
  /** A link was activated in the email (click, Enter, middle click); the frame never navigates itself. */
  onLink(href: string): void;
  /** The frame's accessible name, when several are shown side by side. */
  title?: string;
}

interface Shown {
  /** The emulation the frame's document was built with; a change needs a new document (its CSP cannot loosen). */
  key: string;
  doctype: string;
  loaded: boolean;
  /** The newest document to show once the frame has loaded. */
  pending?: Document;
}

/**
 * The sandboxed email: srcdoc, sandbox="allow-same-origin" and never allow-scripts, so
 * nothing in the email runs, while this page can still read its document (link clicks).
 * A new email under the same emulation is morphed into the shown document instead of
 * reloading it: only what changed is laid out again, so typing stays fast and the scroll
 * position stays put. A new emulation (dark, images, remote images) loads a new document,
 * because its CSP is fixed when the document is created.
 */
export function EmailFrame({ html, width, remoteImages, dark, imagesOff, onLink, title = 'Email preview' }: EmailFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const shown = useRef<Shown>({ key: '', doctype: '', loaded: false });
  const onLinkRef = useRef(onLink);
  onLinkRef.current = onLink;

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const key = JSON.stringify([remoteImages, dark, imagesOff]);
    const next = prepareEmailDocument(html, { remoteImages, dark, imagesOff });
    const state = shown.current;
    const doc = element.contentDocument;
    if (state.key === key && state.doctype === doctypeOf(next)) {
      if (!state.loaded || !doc) state.pending = next;
      else morphInto(doc, next);
      return;
    }
    shown.current = { key, doctype: doctypeOf(next), loaded: false };
    element.srcdoc = serializeDocument(next);
  }, [html, remoteImages, dark, imagesOff]);

  const onLoad = () => {
    const doc = frame.current?.contentDocument;
    // The frame's first, empty about:blank document loads too; only the email's counts.
    if (!doc || doc.URL !== 'about:srcdoc') return;
    const state = shown.current;
    state.loaded = true;
    if (state.pending) {
      morphInto(doc, state.pending);
      state.pending = undefined;
    }
    const intercept = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href], area[href]');
      if (!anchor) return;
      event.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if (href.startsWith('#')) {
        doc.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
        return;
      }
      if (event.type === 'click' || event.button === 1) onLinkRef.current(href);
    };
    doc.addEventListener('click', intercept, true);
    doc.addEventListener('auxclick', intercept, true);
  };

  return (
    <div className="email-frame-stage">
      <iframe
        ref={frame}
        title={title}
        sandbox="allow-same-origin"
        onLoad={onLoad}
        className="email-frame"
        style={{ width: width === 'full' ? '100%' : `${width}px` }}
        referrerPolicy="no-referrer"
      />
    </div>
  );
}

/**
 * Updates the frame's document to `next` in place. The frame's sandbox keeps scripting
 * off for everything inserted, and its CSP (set at load, first in <head>) still governs
 * every image or font the new nodes ask for.
 */
function morphInto(doc: Document, next: Document): void {
  morphdom(doc.documentElement, next.documentElement, {
    onBeforeElUpdated: (from, to) => !from.isEqualNode(to),
  });
}
