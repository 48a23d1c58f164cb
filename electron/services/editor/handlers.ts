import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import { pickPath } from './dialogs';
import { openDocument, saveDocument } from './documents';
import { DraftStore } from './drafts';
import { exportEml, exportHtml } from './export';
import { listStarters } from './starters';

type EditorMethod =
  | 'documents.open'
  | 'documents.save'
  | 'documents.starters'
  | 'documents.pickPath'
  | 'drafts.save'
  | 'drafts.list'
  | 'drafts.discard'
  | 'export.html'
  | 'export.eml';

export function editorHandlers(rt: Runtime): Pick<Handlers, EditorMethod> {
  const drafts = new DraftStore(rt.db);
  return {
    'documents.open': ({ path }) => openDocument(rt, path),
    'documents.save': ({ path, source }) => saveDocument(rt, path, source),
    'documents.starters': () => ({ starters: listStarters() }),
    'documents.pickPath': ({ mode, suggestedName }) => pickPath(rt.dialogs, mode, suggestedName),
    'drafts.save': (draft) => drafts.save(draft),
    'drafts.list': () => ({ drafts: drafts.list() }),
    'drafts.discard': ({ id }) => ({ removed: drafts.discard(id) }),
    'export.html': (input) => exportHtml(input),
    'export.eml': (input) => exportEml(input),
  };
}
