/// <reference lib="webworker" />
import './worker-globals';
import mjml2html from 'mjml-browser';
import type { CompileIssue } from '../../../shared/contract/editor';
import { textPartOf } from '../../../shared/mail/text-part';
import type { CompileRequest, CompileResponse } from './compile-protocol';

// MJML compiles here, off the page's thread, so typing never waits for it.
declare const self: DedicatedWorkerGlobalScope;

interface MjmlError {
  line?: number;
  message?: string;
  tagName?: string;
}

function toIssues(errors: readonly MjmlError[] | undefined): CompileIssue[] {
  return (errors ?? []).map((error) => ({
    line: Math.max(1, error.line ?? 1),
    message: error.message ?? 'Invalid MJML.',
    ...(error.tagName ? { tagName: error.tagName } : {}),
  }));
}

async function compile(request: Extract<CompileRequest, { kind: 'compile' }>): Promise<{ html?: string; issues: CompileIssue[] }> {
  if (request.language === 'html') return { html: request.source, issues: [] };
  try {
    const result = await mjml2html(request.source, { validationLevel: request.level, minify: false });
    return { html: result.html, issues: toIssues(result.errors) };
  } catch (error) {
    const detailed = (error as { errors?: MjmlError[] }).errors;
    if (Array.isArray(detailed) && detailed.length > 0) return { issues: toIssues(detailed) };
    return { issues: [{ line: 1, message: error instanceof Error ? error.message.trim() : String(error) }] };
  }
}

self.onmessage = async (event: MessageEvent<CompileRequest>) => {
  const request = event.data;
  let response: CompileResponse;
  if (request.kind === 'text') response = { id: request.id, kind: 'text', text: textPartOf(request.html) };
  else {
    const started = performance.now();
    response = { id: request.id, kind: 'compile', ...(await compile(request)), ms: performance.now() - started };
  }
  self.postMessage(response);
};
