import { useEffect, useMemo, useRef } from 'react';
import { buildFrameDocument, type FrameOptions } from './frame-document';

export interface EmailFrameProps extends FrameOptions {
  html: string;
  width: number | 'full';
  /** A link was activated in the email (click, Enter, middle click); the frame never navigates itself. */
  onLink(href: string): void;
}

/**
 * The sandboxed email: srcdoc, sandbox="allow-same-origin" and never allow-scripts, so
 * nothing in the email runs, while this page can still read its document (scroll position,
 * link clicks). Its scroll position survives recompiles.
 */
export function EmailFrame({ html, width, remoteImages, dark, imagesOff, onLink }: EmailFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const scroll = useRef({ x: 0, y: 0 });
  const onLinkRef = useRef(onLink);
  onLinkRef.current = onLink;
  const srcDoc = useMemo(() => buildFrameDocument(html, { remoteImages, dark, imagesOff }), [html, remoteImages, dark, imagesOff]);

  useEffect(() => {
    const view = frame.current?.contentWindow;
    if (view) scroll.current = { x: view.scrollX, y: view.scrollY };
  }, [srcDoc]);

  const onLoad = () => {
    const view = frame.current?.contentWindow;
    const doc = frame.current?.contentDocument;
    if (!view || !doc) return;
    view.scrollTo(scroll.current.x, scroll.current.y);
    const intercept = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href], area[href]');
      if (!anchor) return;
      event.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if (href.startsWith('#')) {
        doc.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
        return;
      }
      if (event.type === 'click' || (event as MouseEvent).button === 1) onLinkRef.current(href);
    };
    doc.addEventListener('click', intercept, true);
    doc.addEventListener('auxclick', intercept, true);
  };

  return (
    <div className="email-frame-stage">
      <iframe
        ref={frame}
        title="Email preview"
        sandbox="allow-same-origin"
        srcDoc={srcDoc}
        onLoad={onLoad}
        className="email-frame"
        style={{ width: width === 'full' ? '100%' : `${width}px` }}
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
