import type { CompileIssue, DocumentLanguage, ValidationLevel } from '../../../shared/contract/editor';
import type { CompileRequest, CompileResponse } from './compile-protocol';

export interface CompileResult {
  html?: string;
  issues: CompileIssue[];
  ms: number;
}

type Job = { request: CompileRequest; resolve(value: CompileResponse | undefined): void };

/**
 * The page's side of the compile worker. Latest wins: while one compile runs, only the
 * newest waiting request is kept, so a burst of keystrokes costs at most two compiles
 * and results never arrive out of order.
 */
export class Compiler {
  private worker: Worker | undefined;
  private running: Job | undefined;
  private waiting: Job | undefined;
  private nextId = 1;

  compile(language: DocumentLanguage, source: string, level: ValidationLevel): Promise<CompileResult | undefined> {
    return this.enqueue({ id: this.nextId++, kind: 'compile', language, source, level }).then((response) =>
      response?.kind === 'compile' ? { ...(response.html === undefined ? {} : { html: response.html }), issues: response.issues, ms: response.ms } : undefined,
    );
  }

  text(html: string): Promise<string | undefined> {
    return this.enqueue({ id: this.nextId++, kind: 'text', html }).then((response) => (response?.kind === 'text' ? response.text : undefined));
  }

  /** Starts the worker (it loads mjml-browser) before the first compile asks for it. */
  warm(): void {
    this.ensureWorker();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** Resolves undefined when a newer request replaced this one before it ran. */
  private enqueue(request: CompileRequest): Promise<CompileResponse | undefined> {
    return new Promise((resolve) => {
      const job: Job = { request, resolve };
      if (this.running) {
        // A text part is only worth making for the newest HTML: it never displaces a compile.
        if (request.kind === 'text' && this.waiting?.request.kind === 'compile') return resolve(undefined);
        this.waiting?.resolve(undefined);
        this.waiting = job;
      } else this.start(job);
    });
  }

  private start(job: Job): void {
    this.running = job;
    this.ensureWorker().postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./compile.worker.ts', import.meta.url), { type: 'module', name: 'mjml-compile' });
    worker.onmessage = (event: MessageEvent<CompileResponse>) => {
      const done = this.running;
      this.running = undefined;
      if (done && done.request.id === event.data.id) done.resolve(event.data);
      const next = this.waiting;
      this.waiting = undefined;
      if (next) this.start(next);
    };
    this.worker = worker;
    return worker;
  }
}
