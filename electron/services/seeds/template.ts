import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { textPartOf } from '../../../shared/mail/text-part';
import { compileMjml } from '../editor/compile';

export interface LoadedTemplate {
  html: string;
  text: string;
  /** The HTML <title>, a default subject when none is given. */
  title?: string;
}

/** Reads a template file for the CLI: .html as is, .mjml compiled with mjml (loaded only then). */
export async function loadTemplate(path: string, shownAs = path): Promise<LoadedTemplate> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('io_error', `Cannot read the template ${shownAs} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { file: shownAs, hint: 'Check the path.' });
  }
  const kind = extname(path).toLowerCase();
  let html = source;
  if (kind === '.mjml') {
    const outcome = await compileMjml(source, { validationLevel: 'soft', minify: false, filePath: path });
    const first = outcome.issues[0];
    if (outcome.html === undefined) {
      throw new AppError('parse_error', `${shownAs}:${first?.line ?? 1}: ${first?.message ?? 'not valid MJML'}`, { file: shownAs, line: first?.line ?? 1, hint: 'Fix the MJML (mailbench compile shows every error) and send again.' });
    }
    html = outcome.html;
  } else if (kind !== '.html' && kind !== '.htm') {
    throw new AppError('invalid_input', `${shownAs} is neither .html nor .mjml.`, { file: shownAs, hint: 'Give the template as an .html or .mjml file.' });
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  return { html, text: textPartOf(html), ...(title ? { title } : {}) };
}
