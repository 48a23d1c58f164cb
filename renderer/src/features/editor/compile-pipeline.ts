import { compileSettled, compileStarted } from '../../editor/compile-status';
import { Compiler } from '../../editor/compiler';
import { editorStarted } from '../../editor/started';
import { previewStore } from '../../preview/preview-state';
import { documentStore } from '../../state/document';

/** How long typing must pause before the text part is regenerated (it is not needed per keystroke). */
const TEXT_IDLE_MS = 300;

/**
 * Keeps compiledHtml, compile issues and the text part in step with the source. Compiles
 * run in the worker (latest wins); a failed compile leaves the last good HTML in place.
 * Returns the stop function.
 */
export function startCompilePipeline(compiler = new Compiler()): () => void {
  let last: { source: string; language: string; level: string } | undefined;
  let textTimer: ReturnType<typeof setTimeout> | undefined;
  let producedHtml = false;

  const makeText = () => {
    const html = documentStore.get().compiledHtml;
    void compiler.text(html).then((text) => {
      if (text === undefined || documentStore.get().compiledHtml !== html) return;
      previewStore.set({ generatedText: text });
      if (documentStore.get().textOverride === undefined) documentStore.set({ textPart: text });
    });
  };

  const run = () => {
    const doc = documentStore.get();
    const level = doc.validationLevel ?? 'soft';
    // A document loaded with the same text as before still needs its HTML (the loader cleared it).
    const cleared = doc.compiledHtml === '' && producedHtml;
    if (!cleared && last && last.source === doc.source && last.language === doc.language && last.level === level) return;
    last = { source: doc.source, language: doc.language, level };
    if (doc.source.trim() === '') {
      producedHtml = false;
      documentStore.set({ compiledHtml: '', compileIssues: [], compileOk: true, ...(doc.textOverride === undefined ? { textPart: '' } : {}) });
      previewStore.set({ generatedText: '' });
      return;
    }
    const source = doc.source;
    compileStarted(source);
    void compiler.compile(doc.language, source, level).then((result) => {
      if (!result) return;
      compileSettled(source);
      const ok = result.html !== undefined && result.html !== '';
      producedHtml ||= ok;
      documentStore.set({ compileIssues: result.issues, compileOk: ok, ...(ok ? { compiledHtml: result.html } : {}) });
      clearTimeout(textTimer);
      textTimer = setTimeout(makeText, TEXT_IDLE_MS);
    });
  };

  run();
  const unsubscribe = documentStore.subscribe(run);
  // An empty document compiles nothing yet: the worker still loads mjml-browser once the editor
  // is up, so the first paste does not wait for it (about 0.5 s on a busy machine).
  let stopped = false;
  void editorStarted.then(() => stopped || compiler.warm());
  return () => {
    stopped = true;
    if (last) compileSettled(last.source);
    unsubscribe();
    clearTimeout(textTimer);
    compiler.dispose();
  };
}
