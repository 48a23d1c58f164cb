/// <reference lib="webworker" />
import { lint } from '../../../../shared/lint/index';
import type { LintRequest, LintResponse } from './protocol';

// The engine runs here so a 100 KB template never blocks typing.
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const request = event.data;
  const started = performance.now();
  let response: LintResponse;
  try {
    const input = request.language === 'mjml' ? { kind: 'mjml' as const, source: request.source, compiledHtml: request.compiledHtml } : { kind: 'html' as const, source: request.source };
    response = { id: request.id, ok: true, result: lint(input, { config: request.config }), ms: performance.now() - started };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
