import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { extensionOf } from '../../../shared/shell/files';
import { writeFileAtomic } from '../../fs/atomic';
import { assertFolder } from './documents';

export interface Exported {
  path?: string;
  content: string;
  bytes: number;
}

/**
 * Minifies without breaking email: Outlook's conditional comments (`<!--[if mso]>`) and
 * MSO-only markup stay, attribute quotes stay (some clients need them), CSS is minified.
 */
export async function minifyEmailHtml(html: string): Promise<string> {
  // Loaded on first use: the CLI bundles every command, and only exports need a minifier.
  const { minify } = await import('html-minifier-terser');
  return minify(html, {
    collapseWhitespace: true,
    conservativeCollapse: true,
    removeComments: true,
    ignoreCustomComments: [/^\s*\[if /, /^\s*<!\[endif\]/, /\[endif\]\s*$/],
    processConditionalComments: false,
    minifyCSS: true,
    keepClosingSlash: true,
    caseSensitive: true,
    removeAttributeQuotes: false,
  });
}

export async function exportHtml(input: { html: string; minify: boolean; path?: string }): Promise<Exported> {
  const content = input.minify ? await minifyEmailHtml(input.html) : input.html;
  return write(content, input.path, ['html', 'htm']);
}

export interface EmlInput {
  html: string;
  text: string;
  subject: string;
  from: string;
  to: string;
  path?: string;
}

/** A multipart/alternative message (text first, HTML last, as RFC 2046 orders preference). */
export async function exportEml(input: EmlInput): Promise<Exported> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({ from: input.from, to: input.to, subject: input.subject, text: input.text, html: input.html });
  const message = await composer.compile().build();
  return write(message.toString('utf8'), input.path, ['eml']);
}

function write(content: string, path: string | undefined, extensions: readonly string[]): Exported {
  const bytes = Buffer.byteLength(content);
  if (path === undefined) return { content, bytes };
  if (!isAbsolute(path) || !extensions.includes(extensionOf(path))) {
    throw new AppError('invalid_input', `Export to ${path.slice(0, 200)} refused: give an absolute path ending in ${extensions.map((e) => `.${e}`).join(' or ')}.`, {
      file: path.slice(0, 200),
      hint: `For example /home/you/newsletter.${extensions[0]}.`,
    });
  }
  assertFolder(path);
  writeFileAtomic(path, content);
  return { path, content, bytes };
}
