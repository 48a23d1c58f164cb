import { ImapFlow } from 'imapflow';
import type { ImportResult } from '../../../shared/contract/dmarc';
import { AppError } from '../../../shared/contract/errors';
import type { Db } from '../../db/open';
import { budget, mib } from './budget';
import type { DmarcImporter, ImportProgress } from './import';

export interface ImapFolder {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

/** Messages fetched per round trip: their bytes are held until imported. */
const BATCH = 50;

/**
 * Imports the report mail of one IMAP folder that earlier fetches have not read. The folder is
 * opened read-only (EXAMINE, BODY.PEEK: no \\Seen flag changes), and the last UID read is kept
 * per account and folder with its UIDVALIDITY, so a fetch reads only what arrived since (and
 * all again if the server renumbered the folder). The UID is saved after each batch is stored:
 * a fetch that dies part-way resumes after what it stored.
 */
export async function fetchFromImap(db: Db, importer: DmarcImporter, source: ImapFolder, onProgress?: (p: ImportProgress) => void): Promise<ImportResult & { fetched: number }> {
  const account = `${source.user}@${source.host}:${source.port}/${source.folder}`;
  const client = new ImapFlow({
    host: source.host, port: source.port, secure: source.tls, auth: { user: source.user, pass: source.password },
    logger: false, disableAutoIdle: true, connectionTimeout: 30_000, greetingTimeout: 30_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError('network', `Cannot log in to ${source.host}:${source.port} as ${source.user}: ${(error as Error).message}.`, { hint: 'Check the server, port, user and password (MAILBENCH_IMAP_PASSWORD).' });
  }
  const result: ImportResult & { fetched: number } = { imported: [], duplicates: [], refused: [], fetched: 0 };
  try {
    let lock;
    try {
      lock = await client.getMailboxLock(source.folder, { readOnly: true });
    } catch {
      throw new AppError('not_found', `There is no folder ${JSON.stringify(source.folder)} for ${source.user} on ${source.host}.`, { hint: 'Give the folder that receives the reports, for example imap://user@host/DMARC.' });
    }
    try {
      const mailbox = client.mailbox;
      const validity = mailbox ? String(mailbox.uidValidity) : '';
      const saved = db.prepare('SELECT uid_validity, last_uid FROM dmarc_imap_state WHERE account = ?').get(account) as { uid_validity: string; last_uid: number } | undefined;
      let last = saved && saved.uid_validity === validity ? saved.last_uid : 0;
      const save = db.prepare('INSERT INTO dmarc_imap_state (account, uid_validity, last_uid) VALUES (?, ?, ?) ON CONFLICT (account) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid');
      if (!mailbox || mailbox.exists === 0) return result;
      // "N:*" also matches the newest message when nothing is newer than N: keep only UIDs above it.
      const wanted: Array<{ uid: number; size: number }> = [];
      for await (const message of client.fetch(`${last + 1}:*`, { uid: true, size: true }, { uid: true })) {
        if (message.uid > last) wanted.push({ uid: message.uid, size: message.size ?? 0 });
      }
      wanted.sort((a, b) => a.uid - b.uid);
      for (let i = 0; i < wanted.length; i += BATCH) {
        const batch = wanted.slice(i, i + BATCH);
        const small = batch.filter((m) => m.size <= budget.fileBytes);
        for (const m of batch) {
          if (m.size > budget.fileBytes) result.refused.push({ file: `${source.folder}/${m.uid}`, reason: `The message is ${mib(m.size)}, above the ${mib(budget.fileBytes)} Mailbench reads for one report.` });
        }
        const sources: Array<{ name: string; bytes: Uint8Array }> = [];
        if (small.length) {
          for await (const message of client.fetch(small.map((m) => m.uid).join(','), { uid: true, source: true }, { uid: true })) {
            if (message.source) sources.push({ name: `${source.folder}/${message.uid}`, bytes: message.source });
          }
        }
        sources.sort((a, b) => Number(a.name.slice(a.name.lastIndexOf('/') + 1)) - Number(b.name.slice(b.name.lastIndexOf('/') + 1)));
        const part = await importer.importSources(sources, onProgress);
        result.imported.push(...part.imported);
        result.duplicates.push(...part.duplicates);
        result.refused.push(...part.refused);
        result.fetched += batch.length;
        last = batch.at(-1)!.uid;
        save.run(account, validity, last);
      }
      return result;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
