import { documentStore } from '../state/document';
import { useStore } from '../state/store';
import { previewStore } from './preview-state';

/** The plain-text part: generated from the HTML, or the person's own version once they edit it. */
export function TextPart() {
  const override = useStore(documentStore, (doc) => doc.textOverride);
  const generated = useStore(previewStore, (state) => state.generatedText);
  const value = override ?? generated;
  return (
    <div className="text-part">
      <p className="text-part-note">
        {override === undefined ? 'Generated from the HTML. Edit it to write your own.' : 'Your own text part (it no longer follows the HTML).'}
        {override !== undefined && (
          <button type="button" className="btn btn-ghost" onClick={() => documentStore.set({ textOverride: undefined, textPart: generated })}>
            Use the generated text again
          </button>
        )}
      </p>
      <textarea
        className="text-part-editor mono"
        aria-label="Plain-text part"
        value={value}
        spellCheck
        onChange={(event) => documentStore.set({ textOverride: event.target.value, textPart: event.target.value })}
      />
    </div>
  );
}
