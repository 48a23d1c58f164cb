import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { WarmupService } from '../../../electron/services/warmup/service';
import { tempDir } from '../../support/temp';

const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const fixture = fileURLToPath(new URL('../../fixtures/warmup/sendgrid-events.json', import.meta.url));
const temp = tempDir();
afterAll(() => temp.cleanup());

/** A large SendGrid batch file, written as a stream. */
async function writeBigExport(file: string, events: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('[\n');
  for (let i = 0; i < events; i++) {
    const line = `{"email":"user${i}@gmail.com","timestamp":${1772460000 + (i % 86_000)},"event":"${i % 2 ? 'delivered' : 'processed'}","sg_event_id":"big${i}","sg_message_id":"m${i >> 1}.f","ip":"192.0.2.10"}${i === events - 1 ? '' : ','}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end(']\n');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      events: db.prepare('SELECT count(*) AS n FROM warmup_events').get(),
      actuals: db.prepare('SELECT * FROM warmup_actuals ORDER BY date, provider, ip, source').all(),
      imports: db.prepare('SELECT id, read, imported FROM warmup_imports ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('a warm-up import killed mid-way', () => {
  it('leaves the database exactly as before: integrity ok, no partial rows', async () => {
    const databaseFile = join(temp.dir, 'mailbench.db');
    const db = openDatabase(databaseFile);
    const service = new WarmupService(db);
    const plan = service.create({
      name: 'crash', ips: ['192.0.2.10'], domain: '', startDate: '2026-03-02', timeZone: 'UTC', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      target: 100_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, profile: 'moderate',
      auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
    });
    await service.import(plan.id, 'sendgrid', { path: fixture });
    db.close();
    const before = snapshot(databaseFile);
    expect(before.imports).toHaveLength(1);

    const big = join(temp.dir, 'big.json');
    await writeBigExport(big, 600_000);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, databaseFile, 'crash', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<string | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /progress (\d+)/.exec(output);
        if (match && Number(match[1]) > 0) resolve();
        if (output.includes('done')) reject(new Error(`the import finished before it could be killed:\n${output}`));
      });
      proc.once('exit', () => reject(new Error(`the child exited on its own:\n${output}`)));
    });
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = snapshot(databaseFile);
    expect(after.integrity).toBe('ok');
    expect(after).toEqual(before);

    // The database is fully usable: the same import now runs to the end.
    const reopened = openDatabase(databaseFile);
    const summary = await new WarmupService(reopened).import(plan.id, 'sendgrid', { path: big });
    expect(summary).toMatchObject({ read: 600_000, imported: 600_000, duplicates: 0, skipped: 0 });
    reopened.close();
  });
});
