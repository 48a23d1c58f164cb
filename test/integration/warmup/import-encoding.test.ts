import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlanSpec, useWarmupService } from '../../support/warmup';

/**
 * The import reads 1 MB chunks, decodes ASCII chunks as Latin-1 and others as UTF-8, and hands the
 * writer thread its rows as UTF-8 bytes. These exports put non-ASCII ids, addresses and message ids
 * where that can go wrong: a character cut in two by the chunk boundary, an ASCII chunk right after
 * a non-ASCII one, astral characters (two UTF-16 units), and a NUL that would shift every row after it.
 */
const CHUNK = 1 << 20;

const warmup = useWarmupService();
const spec = (name: string) => importPlanSpec(name);

const head = (email: string, kind: string) => `{"email":"${email}","timestamp":1772460000,"event":"${kind}","sg_event_id":"`;
const event = (id: string, kind = 'delivered', email = 'ann@gmail.com', message = 'm1') =>
  `${head(email, kind)}${id}","sg_message_id":"${message}.filter1","ip":"192.0.2.10"}`;

/** NDJSON of about 3.2 MB: ASCII, then an id whose "é" starts on the first chunk's last byte, non-ASCII events, ASCII again. */
function straddlingExport(): { text: string; lines: number; cutId: string } {
  const lines: string[] = [];
  let bytes = 0;
  const add = (line: string) => {
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  };
  for (let i = 0; bytes < CHUNK - 400; i++) add(event(`a${i}`));
  const cutId = `${'p'.repeat(CHUNK - 1 - bytes - head('ann@gmail.com', 'delivered').length)}é-cut`;
  add(event(cutId));
  add(event('smile-🙂', 'delivered', 'zoë@gmail.com', 'mé'));
  add(event('open-1', 'open', 'zoë@gmail.com', 'mé'));
  add(event('open-2', 'open', 'zoë@gmail.com', 'mé'));
  for (let i = 0; bytes < 2 * CHUNK - 400; i++) add(event(`ü${i}`));
  for (let i = 0; bytes < 3.2 * CHUNK; i++) add(event(`z${i}`));
  return { text: `${lines.join('\n')}\n`, lines: lines.length, cutId };
}

const eventIds = (planId: number, like: string) =>
  (warmup.env.rt.db.prepare('SELECT event_id FROM warmup_events WHERE plan_id = ? AND event_id LIKE ? ORDER BY event_id').all(planId, like) as Array<{ event_id: string }>).map((row) => row.event_id);

describe('import of non-ASCII exports', () => {
  it('stores every id and address exactly, whatever the chunk boundaries cut', async () => {
    const { text, lines, cutId } = straddlingExport();
    expect(Buffer.from(text).subarray(CHUNK - 1, CHUNK + 1)).toEqual(Buffer.from('é'));
    const file = join(warmup.env.dir, 'straddling.ndjson');
    writeFileSync(file, text);
    const plan = warmup.service.create(spec('straddling'));

    const summary = await warmup.service.import(plan.id, 'sendgrid', { path: file });

    expect(summary).toMatchObject({ read: lines, imported: lines, duplicates: 0, skipped: 0 });
    expect(eventIds(plan.id, '%é-cut')).toEqual([`sg:${cutId}`]);
    expect(eventIds(plan.id, 'sg:smile%')).toEqual(['sg:smile-🙂']);
    expect(eventIds(plan.id, 'sg:ü%')).toHaveLength(lines - eventIds(plan.id, 'sg:a%').length - eventIds(plan.id, 'sg:z%').length - 4);
    // The second open of the same message is imported but counts once: its key was written exactly the same.
    expect(eventIds(plan.id, 'u:%')).toEqual(['u:openHuman:sg:mé|zoë@gmail.com']);
    const all = warmup.service.analytics(plan.id).rows.find((row) => row.provider === 'all' && row.ip === 'all' && row.date === '2026-03-02')!;
    expect(all.counts).toMatchObject({ delivered: lines - 2, openHuman: 1 });
  });

  it('refuses an event id holding a NUL and leaves nothing behind, not even the batches already on their way', async () => {
    const plan = warmup.service.create(spec('nul'));
    // Three batches (16,384 events and more each): the writer fails on the first while the next ones are already sent to it.
    const after = Array.from({ length: 40_000 }, (_, i) => event(`after-${i}`));
    const text = [event('before'), event('a\\u0000b'), ...after].join('\n');
    await expect(warmup.service.import(plan.id, 'sendgrid', { text, name: 'nul.ndjson' })).rejects.toThrow(/NUL character/);
    expect(eventIds(plan.id, '%')).toEqual([]);
    expect(warmup.env.rt.db.prepare('SELECT count(*) AS n FROM warmup_imports WHERE plan_id = ?').get(plan.id)).toEqual({ n: 0 });
  });
});
