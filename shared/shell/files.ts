/**
 * Which files the app opens and which tool each goes to. One table for the menu's Open
 * dialog, drag and drop, a second launch with a file, and the OS file associations.
 */
export type FileKind = 'template' | 'message' | 'zone';

const MB = 1024 * 1024;

/**
 * `maxBytes` is each kind's budget (README, "Budgets"): far above any real file of the kind, so a wrong
 * drop (a video) or a hostile file is refused before it is read. A real template is tens of kB; a message
 * with attachments stays under the 25 MB most providers accept; a zone of 100k records is about 5 MB.
 */
export const fileKinds: Record<FileKind, { extensions: readonly string[]; label: string; panel: string; maxBytes: number }> = {
  template: { extensions: ['mjml', 'html', 'htm'], label: 'Email templates', panel: 'editor', maxBytes: 5 * MB },
  message: { extensions: ['eml'], label: 'Email messages', panel: 'auth', maxBytes: 25 * MB },
  zone: { extensions: ['zone'], label: 'DNS zone files', panel: 'auth', maxBytes: 10 * MB },
};

/** The largest file of any kind the app opens (the contract's bound on an opened file's text). */
export const MAX_OPEN_BYTES = Math.max(...Object.values(fileKinds).map((kind) => kind.maxBytes));

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind of a file by its name, or undefined when Mailbench does not open it. */
export function fileKindOf(name: string): FileKind | undefined {
  const extension = extensionOf(name);
  for (const [kind, spec] of Object.entries(fileKinds) as [FileKind, (typeof fileKinds)[FileKind]][]) {
    if (spec.extensions.includes(extension)) return kind;
  }
  return undefined;
}

export const openableExtensions = Object.values(fileKinds).flatMap((spec) => spec.extensions);
