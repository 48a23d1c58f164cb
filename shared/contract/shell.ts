import { z } from 'zod';
import { commandIds, themeChoices } from '../shell/commands';
import { MAX_OPEN_BYTES } from '../shell/files';
import { MessageEncoding } from './auth';
import { event, method } from './define';

export const Preferences = z.object({
  theme: z.enum(themeChoices),
  /** Set once the person has seen the first-run screen. */
  welcomed: z.boolean(),
});
export type Preferences = z.infer<typeof Preferences>;

export const FileKindSchema = z.enum(['template', 'message', 'zone']);

export const RecentDocument = z.object({ path: z.string(), name: z.string(), kind: FileKindSchema });
export type RecentDocument = z.infer<typeof RecentDocument>;
const RecentList = z.object({ documents: z.array(RecentDocument).max(20) });

/** A file the desktop shell opened for the UI (menu, drop, second launch, OS association). */
export const OpenedFile = z.object({
  path: z.string(),
  name: z.string(),
  kind: FileKindSchema,
  content: z.string().max(MAX_OPEN_BYTES),
  /** A message that is not valid UTF-8 travels one character per byte (shared/shell/message-text.ts). */
  encoding: MessageEncoding.optional(),
});
export type OpenedFile = z.infer<typeof OpenedFile>;

const absolutePath = z.string().min(1).max(4096);

export const shellMethods = {
  'shell.preferences.get': method({
    summary: 'Theme and whether the first-run screen was seen.',
    input: z.object({}).strict(),
    output: Preferences,
  }),
  'shell.preferences.set': method({
    summary: 'Change the theme or mark the first run as seen; returns every preference.',
    input: Preferences.partial().strict(),
    output: Preferences,
  }),
  'shell.recent.list': method({
    summary: 'Documents opened or saved lately, newest first.',
    input: z.object({}).strict(),
    output: RecentList,
  }),
  'shell.recent.add': method({
    summary: 'Remember a document the user opened or saved (also registered with the OS in the desktop app).',
    input: z.object({ path: absolutePath }).strict(),
    output: RecentList,
  }),
  'shell.files.take': method({
    summary: 'Files the desktop shell opened (second launch, OS association, File › Open) that the UI has not taken yet.',
    input: z.object({}).strict(),
    output: z.object({ files: z.array(OpenedFile).max(20) }),
  }),
  'shell.recent.clear': method({
    summary: 'Forget every recent document.',
    input: z.object({}).strict(),
    output: RecentList,
  }),
};

export const shellEvents = {
  'shell.command': event({ summary: 'A menu item was chosen in the desktop app.', payload: z.object({ command: z.enum(commandIds) }) }),
  'shell.filesWaiting': event({ summary: 'The desktop shell opened files; take them with shell.files.take.', payload: z.object({ count: z.number().int().min(1) }) }),
  'shell.recentChanged': event({ summary: 'The recent documents list changed.', payload: RecentList }),
  'shell.preferencesChanged': event({ summary: 'A preference changed.', payload: Preferences }),
};
