import type { FileKind } from '../../../shared/shell/files';
import type { MessageEncoding } from '../../../shared/shell/message-text';
import { createStore } from './store';

/**
 * A file the person opened or dropped that belongs to a tool other than the editor
 * (an .eml to check, a zone file). The shell switches to that tool and leaves the
 * file here; the tool takes it (and clears it) when it mounts or when `at` changes.
 */
export interface IncomingFile {
  kind: Exclude<FileKind, 'template'>;
  name: string;
  /** Absolute path in the desktop app; absent for files picked in browser mode. */
  path?: string;
  content: string;
  /** How a message's bytes became `content` (shared/shell/message-text.ts); absent means text. */
  encoding?: MessageEncoding;
  at: number;
}

export const incomingStore = createStore<{ file?: IncomingFile }>({});
