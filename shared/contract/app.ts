import { z } from 'zod';
import { method } from './define';

export const Engine = z.object({
  id: z.enum(['spamassassin', 'spamc']),
  present: z.boolean(),
  version: z.string().optional(),
  path: z.string().optional(),
});
export type Engine = z.infer<typeof Engine>;

export const AppInfo = z.object({
  name: z.literal('Mailbench'),
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  transport: z.enum(['electron', 'web']),
  platform: z.string(),
  node: z.string(),
  engines: z.array(Engine),
  secretStorage: z.object({
    kind: z.enum(['os-keychain', 'key-file', 'environment']),
    /** Why the store is weaker than it could be, when it is (Linux basic_text, key file). */
    warning: z.string().optional(),
  }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': method({
    summary: 'Version, data folder, database schema and which optional engines are installed.',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
  'app.openExternal': method({
    summary: 'Open an http, https or mailto link in the system browser or mail app, after validation.',
    input: z.object({ url: z.string().max(8192) }).strict(),
    /** `opened: false` with `reason` when refused; in browser mode the page opens it itself. */
    output: z.object({ opened: z.boolean(), url: z.string().optional(), reason: z.string().optional() }),
  }),
};
