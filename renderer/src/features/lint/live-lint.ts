import { useEffect } from 'react';
import type { LintSettings } from '../../../../shared/contract/lint';
import type { ClientSummary, LintNote, SpamHit } from '../../../../shared/lint/index';
import { isCompiling } from '../../editor/compile-status';
import { editorPreloaded, editorStarted } from '../../editor/started';
import { client } from '../../platform/index';
import { type DocumentState, documentStore } from '../../state/document';
import { createStore } from '../../state/store';
import type { LintRequest, LintResponse } from './protocol';

/** What the lint panel shows beyond the findings the document store carries. */
export interface LintState {
  clients: ClientSummary[];
  /** The spam score's breakdown, informational rules included (they are no findings on a template). */
  spamHits: SpamHit[];
  /** What is true of the whole result (the spam rules not evaluated offline): a line each, not findings. */
  notes: LintNote[];
  settings: LintSettings;
  running: boolean;
  ms?: number;
  error?: string;
}

export const lintStore = createStore<LintState>({ clients: [], spamHits: [], notes: [], settings: {}, running: false });

const DEBOUNCE_MS = 200;
/** With no editor on screen and none loading behind the welcome screen, linting starts after this long anyway. */
const NO_EDITOR_MS = 5000;

/**
 * Lints the open document in a Web Worker whenever its source or compiled HTML changes
 * (debounced, latest wins) and writes findings and the spam score into the document store.
 * One instance for the whole page, started by whichever view needs it first.
 */
class LiveLinter {
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private inFlight: number | undefined;
  /** The source the lint in flight was asked for: its findings are that source's. */
  private inFlightSource = '';
  private pending = false;
  private users = 0;
  private unsubscribe: (() => void) | undefined;
  private last: Pick<DocumentState, 'source' | 'compiledHtml' | 'language'> | undefined;
  /**
   * The worker's first lint compiles the spam rules (about 2 s of CPU): it starts once the
   * editor has painted, or once Monaco has loaded behind the welcome screen (while the person
   * reads it), so it never competes with Monaco's start on a two-core machine.
   */
  private mayStart = false;

  acquire(): void {
    if (this.users++ > 0) return;
    if (!this.mayStart) {
      const noEditor = new Promise<void>((resolve) => setTimeout(resolve, NO_EDITOR_MS));
      void Promise.race([editorStarted, editorPreloaded, noEditor]).then(() => {
        this.mayStart = true;
        if (this.users > 0) this.schedule(0);
      });
    }
    this.unsubscribe = documentStore.subscribe(() => this.changed());
    client.call('lint.settings.get', {}).then(
      (settings) => {
        lintStore.set({ settings });
        this.schedule(0);
      },
      () => this.schedule(0),
    );
  }

  release(): void {
    if (--this.users > 0) return;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = undefined;
    this.inFlight = undefined;
    this.last = undefined;
  }

  /** Re-lint now with new settings (after the person changed them). */
  relint(): void {
    this.last = undefined;
    this.schedule(0);
  }

  private changed(): void {
    const doc = documentStore.get();
    if (this.last && this.last.source === doc.source && this.last.compiledHtml === doc.compiledHtml && this.last.language === doc.language) return;
    this.schedule(DEBOUNCE_MS);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delay);
  }

  private run(): void {
    if (!this.mayStart) return;
    if (this.inFlight !== undefined) {
      this.pending = true;
      return;
    }
    const doc = documentStore.get();
    // The HTML for this source is on its way: lint the two together once it is in (the store change reschedules).
    if (isCompiling(doc.source)) return this.schedule(DEBOUNCE_MS);
    this.last = { source: doc.source, compiledHtml: doc.compiledHtml, language: doc.language };
    const request: LintRequest = { id: this.nextId++, language: doc.language, source: doc.source, compiledHtml: doc.compiledHtml, config: lintStore.get().settings };
    this.inFlight = request.id;
    this.inFlightSource = doc.source;
    lintStore.set({ running: true });
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module', name: 'lint' });
    worker.onmessage = (event: MessageEvent<LintResponse>) => {
      const response = event.data;
      if (response.id !== this.inFlight) return;
      this.inFlight = undefined;
      if (response.ok) {
        documentStore.set({ findings: response.result.findings, spamScore: response.result.spamScore, lintedSource: this.inFlightSource });
        lintStore.set({ clients: response.result.clients, spamHits: response.result.spamHits, notes: response.result.notes, running: false, ms: response.ms, error: undefined });
      } else lintStore.set({ running: false, error: response.error });
      if (this.pending) {
        this.pending = false;
        this.changed();
      }
    };
    worker.onerror = (event) => {
      this.inFlight = undefined;
      lintStore.set({ running: false, error: `The lint worker failed: ${event.message}` });
    };
    this.worker = worker;
    return worker;
  }
}

export const liveLinter = new LiveLinter();

/** Keeps the open document linted while the calling component is mounted. */
export function useLiveLint(): void {
  useEffect(() => {
    liveLinter.acquire();
    return () => liveLinter.release();
  }, []);
}
