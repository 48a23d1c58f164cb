import { useEffect, useState } from 'react';
import type { Starter } from '../../../../shared/contract/editor';
import { Compiler } from '../../editor/compiler';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { buildFrameDocument } from '../../preview/frame-document';
import { Dialog } from '../../ui/Dialog';
import { newFromStarter } from './actions';

/** A live thumbnail: the starter compiled in the worker, shown in a scaled, sandboxed frame. */
function Thumbnail({ html, title }: { html?: string; title: string }) {
  if (html === undefined) return <div className="starter-thumb starter-thumb-loading" aria-hidden="true" />;
  return (
    <div className="starter-thumb" aria-hidden="true">
      <iframe
        title={`${title} preview`}
        tabIndex={-1}
        sandbox="allow-same-origin"
        srcDoc={buildFrameDocument(html, { remoteImages: false, dark: 'off', imagesOff: false })}
      />
    </div>
  );
}

export function StarterGallery({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const [starters] = useLoad(() => client.call('documents.starters', {}), []);
  const [previews, setPreviews] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!open || starters.state !== 'ready') return;
    const compiler = new Compiler();
    let live = true;
    void (async () => {
      for (const starter of starters.value.starters) {
        const result = await compiler.compile(starter.language, starter.source, 'skip');
        if (!live) return;
        if (result?.html) setPreviews((current) => ({ ...current, [starter.id]: result.html! }));
      }
    })();
    return () => {
      live = false;
      compiler.dispose();
    };
  }, [open, starters]);

  const choose = (starter: Starter) => {
    onOpenChange(false);
    newFromStarter(starter);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New from a starter" description="Each starter is a complete, valid MJML email you can change." wide>
      {starters.state === 'loading' && <p role="status">Loading starters…</p>}
      {starters.state === 'failed' && <p role="alert">Could not load the starters: {starters.error.message}</p>}
      {starters.state === 'ready' && (
        <ul className="starter-gallery">
          {starters.value.starters.map((starter) => (
            <li key={starter.id}>
              <button type="button" className="starter-card" onClick={() => choose(starter)}>
                <Thumbnail html={previews[starter.id]} title={starter.title} />
                <span className="starter-title">{starter.title}</span>
                <span className="starter-description">{starter.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
