import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { ImapAccess, type Seed, type SeedList, type SmtpProfile } from '../../../shared/contract/seeds';
import type { Db } from '../../db/open';
import type { SecretStore } from '../secrets/store';
import { providerNamed } from '../../../shared/model/mailbox-providers';
import { assertTransportSecurity } from './smtp-security';

/** Where each secret of this feature is kept in the secret store. */
export const secretIds = {
  smtp: (profileId: string) => `seeds:smtp:${profileId}`,
  imap: (listId: string, address: string) => `seeds:imap:${listId}:${address.toLowerCase()}`,
};

type SeedInput = Seed & { imapPassword?: string | undefined };
type ProfileInput = Omit<SmtpProfile, 'id' | 'hasPassword'> & { id?: string | undefined; password?: string | undefined };

interface SeedRow {
  list_id: string;
  address: string;
  provider: string;
  imap_json: string | null;
  tags_json: string;
}

/** Seed lists and SMTP profiles in SQLite; their passwords only in the secret store. */
export class SeedLibrary {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
  ) {}

  lists(): SeedList[] {
    const lists = this.db.prepare('SELECT id, name, updated_at FROM seed_lists ORDER BY name COLLATE NOCASE').all() as Array<{ id: string; name: string; updated_at: string }>;
    return lists.map((list) => ({ id: list.id, name: list.name, updatedAt: list.updated_at, seeds: this.seedsOf(list.id) }));
  }

  list(id: string): SeedList {
    const list = this.lists().find((candidate) => candidate.id === id);
    if (!list) throw new AppError('not_found', `There is no seed list with id ${id}.`, { hint: 'Pick a list from the Seed tests panel or import a CSV.' });
    return list;
  }

  saveList(input: { id?: string | undefined; name: string; seeds: SeedInput[] }): SeedList {
    const id = input.id ?? randomUUID();
    const duplicate = firstDuplicate(input.seeds.map((seed) => seed.address.toLowerCase()));
    if (duplicate) throw new AppError('invalid_input', `${duplicate} is in the list twice.`, { hint: 'Keep one row per seed address.' });
    this.db.transaction(() => {
      const previous = this.seedsOf(id).map((seed) => seed.address.toLowerCase());
      this.db
        .prepare(`INSERT INTO seed_lists (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`)
        .run(id, input.name);
      this.db.prepare('DELETE FROM seeds WHERE list_id = ?').run(id);
      const insert = this.db.prepare('INSERT INTO seeds (id, list_id, position, address, provider, imap_json, tags_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
      input.seeds.forEach((seed, position) => {
        insert.run(randomUUID(), id, position, seed.address, seed.provider, seed.imap ? JSON.stringify(seed.imap) : null, JSON.stringify(seed.tags));
        if (seed.imapPassword) this.secrets.put(secretIds.imap(id, seed.address), 'seed IMAP password', seed.imapPassword);
      });
      const kept = new Set(input.seeds.map((seed) => seed.address.toLowerCase()));
      for (const address of previous) if (!kept.has(address)) this.secrets.delete(secretIds.imap(id, address));
    })();
    return this.list(id);
  }

  deleteList(id: string): boolean {
    return this.db.transaction(() => {
      for (const seed of this.seedsOf(id)) this.secrets.delete(secretIds.imap(id, seed.address));
      return this.db.prepare('DELETE FROM seed_lists WHERE id = ?').run(id).changes > 0;
    })();
  }

  profiles(): SmtpProfile[] {
    const rows = this.db.prepare('SELECT * FROM smtp_profiles ORDER BY name COLLATE NOCASE').all() as Array<{
      id: string; name: string; host: string; port: number; security: SmtpProfile['security']; user: string | null; pool_size: number; rate_per_second: number;
    }>;
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      host: row.host,
      port: row.port,
      security: row.security,
      ...(row.user ? { user: row.user } : {}),
      poolSize: row.pool_size,
      ratePerSecond: row.rate_per_second,
      hasPassword: this.secrets.has(secretIds.smtp(row.id)),
    }));
  }

  profile(id: string): SmtpProfile {
    const profile = this.profiles().find((candidate) => candidate.id === id);
    if (!profile) throw new AppError('not_found', `There is no SMTP profile with id ${id}.`, { hint: 'Create an SMTP profile in the Seed tests panel first.' });
    return profile;
  }

  saveProfile(input: ProfileInput): SmtpProfile {
    assertTransportSecurity(input);
    const id = input.id ?? randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO smtp_profiles (id, name, host, port, security, user, pool_size, rate_per_second) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, host = excluded.host, port = excluded.port, security = excluded.security,
             user = excluded.user, pool_size = excluded.pool_size, rate_per_second = excluded.rate_per_second`,
        )
        .run(id, input.name, input.host, input.port, input.security, input.user ?? null, input.poolSize, input.ratePerSecond);
      if (input.password) this.secrets.put(secretIds.smtp(id), 'SMTP password', input.password);
    })();
    return this.profile(id);
  }

  deleteProfile(id: string): boolean {
    return this.db.transaction(() => {
      this.secrets.delete(secretIds.smtp(id));
      return this.db.prepare('DELETE FROM smtp_profiles WHERE id = ?').run(id).changes > 0;
    })();
  }

  private seedsOf(listId: string): Seed[] {
    const rows = this.db.prepare('SELECT list_id, address, provider, imap_json, tags_json FROM seeds WHERE list_id = ? ORDER BY position').all(listId) as SeedRow[];
    return rows.map((row) => ({
      address: row.address,
      // lists saved before one vocabulary may say `outlook` or `icloud`
      provider: providerNamed(row.provider) ?? 'other',
      tags: JSON.parse(row.tags_json) as string[],
      ...(row.imap_json ? { imap: ImapAccess.parse(JSON.parse(row.imap_json)), hasPassword: this.secrets.has(secretIds.imap(listId, row.address)) } : {}),
    }));
  }
}

function firstDuplicate(values: string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}
