import { z } from 'zod';
import { method } from './define';

export const DocumentLanguage = z.enum(['mjml', 'html']);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;

export const ValidationLevel = z.enum(['skip', 'soft', 'strict']);
export type ValidationLevel = z.infer<typeof ValidationLevel>;

/** Templates are text a person writes; 5 MB is far beyond any real email and keeps calls bounded. */
const MAX_SOURCE = 5 * 1024 * 1024;
const Source = z.string().max(MAX_SOURCE);
const FilePath = z.string().min(1).max(4096);

/** A file on disk, as the editor opens or saves it. */
export const OpenedDocument = z.object({
  path: z.string(),
  title: z.string(),
  language: DocumentLanguage,
  source: z.string(),
});
export type OpenedDocument = z.infer<typeof OpenedDocument>;

/** An unsaved buffer kept in SQLite so a crash or kill loses at most the last second of typing. */
export const Draft = z.object({
  id: z.string(),
  title: z.string(),
  language: DocumentLanguage,
  path: z.string().optional(),
  source: z.string(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof Draft>;

export const Starter = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  language: DocumentLanguage,
  source: z.string(),
});
export type Starter = z.infer<typeof Starter>;

/** One validation problem, in the user's source: mjml gives a line and a tag, never a column. */
export const CompileIssue = z.object({ line: z.number().int().min(1), tagName: z.string().optional(), message: z.string() });
export type CompileIssue = z.infer<typeof CompileIssue>;

const Saved = z.object({ path: z.string().optional(), content: z.string(), bytes: z.number().int().nonnegative() });

export const editorMethods = {
  'documents.open': method({
    summary: 'Read an .mjml or .html file from disk and remember it in the recent documents (shell.recent.*).',
    input: z.object({ path: FilePath }).strict(),
    output: OpenedDocument,
  }),
  'documents.save': method({
    summary: 'Write the source to a file atomically (save or save as) and remember it in the recent files.',
    input: z.object({ path: FilePath, source: Source }).strict(),
    output: z.object({ path: z.string(), title: z.string(), language: DocumentLanguage, bytes: z.number().int() }),
  }),
  'documents.starters': method({
    summary: 'The starter templates shipped with Mailbench (newsletter, receipt, password reset, promotion, announcement).',
    input: z.object({}).strict(),
    output: z.object({ starters: z.array(Starter) }),
  }),
  'documents.pickPath': method({
    summary: 'Ask the desktop app for a native open or save dialog; browser mode has none and says so.',
    input: z.object({ mode: z.enum(['open', 'save']), suggestedName: z.string().max(255).optional() }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('picked'), path: z.string() }),
      z.object({ status: z.literal('cancelled') }),
      z.object({ status: z.literal('unavailable') }),
    ]),
  }),
  'drafts.save': method({
    summary: 'Keep the unsaved buffer of a document (called debounced while typing).',
    input: z
      .object({ id: z.string().min(1).max(64), title: z.string().max(255), language: DocumentLanguage, path: FilePath.optional(), source: Source })
      .strict(),
    output: z.object({ updatedAt: z.string() }),
  }),
  'drafts.list': method({
    summary: 'Unsaved drafts left from earlier sessions, newest first, to offer for restoring.',
    input: z.object({}).strict(),
    output: z.object({ drafts: z.array(Draft) }),
  }),
  'drafts.discard': method({
    summary: 'Drop a draft once it is saved to a file, restored into a new one, or refused.',
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: z.object({ removed: z.boolean() }),
  }),
  'export.html': method({
    summary: 'The compiled HTML, minified on request (conditional comments kept), written to a file when a path is given.',
    input: z.object({ html: Source, minify: z.boolean().default(false), path: FilePath.optional() }).strict(),
    output: Saved,
  }),
  'export.eml': method({
    summary: 'A MIME message with the HTML and plain-text parts, written to a file when a path is given.',
    input: z
      .object({
        html: Source,
        text: Source,
        subject: z.string().max(998),
        from: z.string().max(998).default('Mailbench Preview <preview@example.invalid>'),
        to: z.string().max(998).default('Recipient <recipient@example.invalid>'),
        path: FilePath.optional(),
      })
      .strict(),
    output: Saved,
  }),
};
