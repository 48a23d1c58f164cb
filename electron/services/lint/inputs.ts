import type { Finding } from '../../../shared/model/finding';
import { kindOf, type LintInput, ruleById } from '../../../shared/lint/index';
import { compileMjml } from '../editor/compile';
import { readTargetBytes } from './read-target';

export type ReadResult = { ok: true; input: LintInput; extra: Finding[] } | { ok: false; reason: string };

/** MJML validation errors as findings on their line (compiled by the editor's compile service, mjml loaded lazily). */
async function compile(source: string, filePath: string): Promise<{ html: string; errors: Finding[] }> {
  const outcome = await compileMjml(source, { validationLevel: 'soft', minify: false, filePath });
  const meta = ruleById('mjml-validation')!;
  const errors: Finding[] = outcome.issues.map((issue) => ({
    rule: meta.id,
    family: meta.family,
    severity: meta.severity,
    message: issue.message,
    why: meta.why,
    fix: meta.fix,
    range: { startLine: issue.line, startColumn: 1, endLine: issue.line, endColumn: 1 },
  }));
  return { html: outcome.html ?? '', errors };
}

/**
 * Turns a file's bytes into an engine input; MJML is compiled here, not in the engine. Separate from the
 * read so that a lint worker thread gets bytes the main thread read (`--jobs`, run.ts).
 */
export async function inputFrom(file: string, bytes: Uint8Array): Promise<{ input: LintInput; extra: Finding[] }> {
  const kind = kindOf(file);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A message is decoded by the engine from its bytes, by its own charsets: read as UTF-8 here, an 8-bit
  // latin-1 body became U+FFFD. Its text is latin-1, one character per byte, so lines and offsets match the file.
  if (kind === 'eml') return { input: { kind, source: buffer.toString('latin1'), bytes }, extra: [] };
  const source = buffer.toString('utf8');
  if (kind !== 'mjml') return { input: { kind, source }, extra: [] };
  const compiled = await compile(source, file);
  return { input: { kind, source, compiledHtml: compiled.html }, extra: compiled.errors };
}

/** Reads one file and turns it into an engine input, or says why it cannot be read. */
export async function readTarget(file: string, cwd: string): Promise<ReadResult> {
  const read = await readTargetBytes(file, cwd);
  if (!read.ok) return read;
  return { ok: true, ...(await inputFrom(file, read.bytes)) };
}
