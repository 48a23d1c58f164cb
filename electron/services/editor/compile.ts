import type { CompileIssue, ValidationLevel } from '../../../shared/contract/editor';

export interface CompileOutcome {
  /** Absent when mjml refused to produce HTML (strict validation failed, or the input is not MJML). */
  html?: string;
  issues: CompileIssue[];
}

interface MjmlError {
  line?: number;
  message?: string;
  tagName?: string;
}

/**
 * MJML to HTML in Node with mjml 5, for the CLI. `mjml` is imported on first use: it
 * costs about 0.8 s to load, which no other command should pay.
 */
export async function compileMjml(source: string, options: { validationLevel: ValidationLevel; minify: boolean; filePath?: string }): Promise<CompileOutcome> {
  const { default: mjml2html } = await import('mjml');
  try {
    const result = await mjml2html(source, {
      validationLevel: options.validationLevel,
      minify: options.minify,
      ...(options.filePath ? { filePath: options.filePath } : {}),
    });
    return { html: result.html, issues: toIssues(result.errors) };
  } catch (error) {
    const detailed = (error as { errors?: MjmlError[] }).errors;
    if (Array.isArray(detailed) && detailed.length > 0) return { issues: toIssues(detailed) };
    return { issues: [{ line: 1, message: error instanceof Error ? error.message.trim() : String(error) }] };
  }
}

function toIssues(errors: readonly MjmlError[] | undefined): CompileIssue[] {
  return (errors ?? []).map((error) => ({
    line: Math.max(1, error.line ?? 1),
    message: error.message ?? 'Invalid MJML.',
    ...(error.tagName ? { tagName: error.tagName } : {}),
  }));
}
