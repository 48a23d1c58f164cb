import { detectLanguage } from '../../../shared/editor/language';
import { extensionOf, fileKindOf, fileKinds, MAX_OPEN_BYTES, openableExtensions } from '../../../shared/shell/files';
import { type MessageEncoding, messageText } from '../../../shared/shell/message-text';
import { client } from '../platform/index';
import { documentStore } from '../state/document';
import { incomingStore } from '../state/incoming';
import { goTo } from './navigation';
import { notify } from './notices';

declare global {
  interface Window {
    /** Set by the Electron preload: the path of a file the person picked or dropped. */
    mailbenchFiles?: { pathFor(file: File): string };
  }
}

/** Never lose work: replacing an edited, unsaved document asks first. */
function mayReplaceDocument(): boolean {
  const doc = documentStore.get();
  return !doc.dirty || window.confirm(`${doc.title} has unsaved changes. Discard them?`);
}

/** Puts a template in the document store (the editor shows it) and switches to the editor. */
export function loadTemplate(name: string, source: string, path?: string): boolean {
  if (!mayReplaceDocument()) return false;
  const claimed = extensionOf(name) === 'mjml' ? 'mjml' : 'html';
  // The text decides, not the extension: MJML in a .html file opens as MJML (and Save then asks for a .mjml name).
  const language = detectLanguage(source) ?? claimed;
  if (language !== claimed) notify('info', `${name} holds ${language.toUpperCase()}, not ${claimed.toUpperCase()}: opened as ${language.toUpperCase()}.`);
  documentStore.set({
    path,
    title: name,
    language,
    source,
    dirty: false,
    compiledHtml: '',
    textPart: '',
    findings: [],
    spamScore: undefined,
    lintedSource: undefined,
    reveal: undefined,
  });
  goTo('editor');
  if (path) void client.call('shell.recent.add', { path }).catch(() => undefined);
  return true;
}

/** Routes an opened file to its tool: templates to the editor, messages and zone files to authentication. */
export function openContent(file: { name: string; content: string; encoding?: MessageEncoding; path?: string }): void {
  const kind = fileKindOf(file.name);
  if (!kind) {
    notify('error', `Mailbench does not open ${file.name}. Open a file ending in ${openableExtensions.map((extension) => `.${extension}`).join(', ')}.`);
    return;
  }
  if (kind === 'template') {
    if (loadTemplate(file.name, file.content, file.path)) notify('info', `Opened ${file.name}.`);
    return;
  }
  incomingStore.set({ file: { kind, name: file.name, content: file.content, at: Date.now(), ...(file.encoding ? { encoding: file.encoding } : {}), ...(file.path ? { path: file.path } : {}) } });
  if (!goTo('auth')) notify('error', `${file.name} belongs to the Authentication tool, which this build does not have.`);
  else if (file.path) void client.call('shell.recent.add', { path: file.path }).catch(() => undefined);
}

/** A File from a picker or a drop, read in the page (both modes) with its path when the desktop app knows it. */
export async function openPickedFile(file: File): Promise<void> {
  // Each kind's budget (README, "Budgets"), as the main process applies it to files it reads.
  const kind = fileKindOf(file.name);
  const limit = kind ? fileKinds[kind].maxBytes : MAX_OPEN_BYTES;
  if (file.size > limit) {
    notify('error', `${file.name} is ${Math.ceil(file.size / 1048576)} MB, over the ${limit / 1048576} MB limit for this kind of file.`);
    return;
  }
  const path = window.mailbenchFiles?.pathFor(file) || undefined;
  // a message is read as bytes: file.text() decodes UTF-8 and breaks an 8-bit body's DKIM hash
  const read = kind === 'message' ? messageText(new Uint8Array(await file.arrayBuffer())) : { text: await file.text(), encoding: 'text' as const };
  openContent({ name: file.name, content: read.text, encoding: read.encoding, ...(path ? { path } : {}) });
}

/** The page's own Open dialog (browser mode, and buttons inside the app). */
export function pickFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = openableExtensions.map((extension) => `.${extension}`).join(',');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void openPickedFile(file);
  });
  input.click();
}

/** Hands bytes to the browser's download (desktop: Electron's save dialog). */
export function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function baseName(title: string): string {
  return title.replace(/\.(mjml|html?)$/i, '') || 'template';
}
