import { describe, expect, it } from 'vitest';
import { importPlanSpec, useWarmupService } from '../../support/warmup';

/**
 * The writer stores event ids and once-per-message keys in blocks of 64 rows, falling back to one
 * row at a time when a block holds a key already there. Exports of a few hundred events with
 * repeated ids (inside a block, across blocks, from an earlier import) and repeated opens and
 * clicks of a message must count exactly what a plain event-by-event reading counts.
 */
const warmup = useWarmupService();
const spec = (name: string) => importPlanSpec(name);

interface Event { id: string; kind: 'delivered' | 'open' | 'click'; message: string }

/**
 * Event i of a stream: the first 100 ids and the first 300 messages are all new (whole blocks go in
 * one statement), then ids repeat (every 7th the one 3 back, every 50th one from 200 back) and
 * messages get several opens and clicks each (blocks fall back to row by row).
 */
function events(from: number, to: number): Event[] {
  const out: Event[] = [];
  for (let i = from; i < to; i++) {
    const id = i >= 100 && i < 200 && i % 7 === 0 ? `e${i - 3}` : i >= 200 && i % 50 === 0 ? `e${i - 200}` : `e${i}`;
    out.push({ id, kind: (['delivered', 'open', 'open', 'click', 'delivered'] as const)[i % 5]!, message: i < 300 ? `m${i}` : `m${Math.floor(i / 20)}` });
  }
  return out;
}

const ndjson = (list: Event[]) => list.map((e) => JSON.stringify({
  email: `${e.message}@gmail.com`, timestamp: 1772460000, event: e.kind, sg_event_id: e.id, sg_message_id: `${e.message}.filter1`, ip: '192.0.2.10', useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
})).join('\n');

/** What reading the events one by one gives, with the ids and message keys seen before. */
function expected(list: Event[], ids: Set<string>, keys: Set<string>) {
  const out = { imported: 0, duplicates: 0, delivered: 0, openHuman: 0, click: 0 };
  for (const e of list) {
    if (ids.has(e.id)) {
      out.duplicates++;
      continue;
    }
    ids.add(e.id);
    out.imported++;
    if (e.kind === 'delivered') out.delivered++;
    else if (!keys.has(`${e.kind}|${e.message}`)) {
      keys.add(`${e.kind}|${e.message}`);
      out[e.kind === 'open' ? 'openHuman' : 'click']++;
    }
  }
  return out;
}

describe('dedupe of event ids and once-per-message opens and clicks', () => {
  it('counts like an event-by-event reading, on a first import, an overlapping one and a repeat', async () => {
    const plan = warmup.service.create(spec('dedupe'));
    const ids = new Set<string>();
    const keys = new Set<string>();
    const totals = { delivered: 0, openHuman: 0, click: 0 };
    for (const list of [events(0, 700), events(400, 1100), events(400, 1100)]) {
      const want = expected(list, ids, keys);
      const summary = await warmup.service.import(plan.id, 'sendgrid', { text: ndjson(list), name: 'events.ndjson' });
      expect({ imported: summary.imported, duplicates: summary.duplicates }).toEqual({ imported: want.imported, duplicates: want.duplicates });
      totals.delivered += want.delivered;
      totals.openHuman += want.openHuman;
      totals.click += want.click;
      const day = warmup.service.analytics(plan.id).rows.find((row) => row.provider === 'all' && row.ip === 'all' && row.date === '2026-03-02')!;
      expect(day.counts).toMatchObject(totals);
    }
    expect(totals.openHuman).toBeGreaterThan(0);
  });
});
