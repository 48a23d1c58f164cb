import { describe, expect, it } from 'vitest';
import { EventRows } from '../../../electron/services/warmup/event-rows';

/** What the writer thread reads back: the bytes as UTF-8, cut at NUL. */
const fields = (rows: EventRows) => Buffer.from(rows.take()).toString('utf8').split('\u0000');

describe('event rows for the writer thread', () => {
  it('writes id and once-per-message key per event, prefixed, as UTF-8', () => {
    const rows = new EventRows();
    rows.add('sg:', 'e1', undefined, 'm1|ann@gmail.com');
    rows.add('sg:', 'é2-🙂', 'openHuman', 'mé|zoë@gmail.com');
    expect(rows.count).toBe(2);
    expect(fields(rows)).toEqual(['sg:e1', '', 'sg:é2-🙂', 'u:openHuman:sg:mé|zoë@gmail.com', '']);
  });

  it('grows past its first buffer without losing or reordering a byte', () => {
    const rows = new EventRows(16);
    const ids = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `ü${i}` : `id-${i}`));
    for (const id of ids) rows.add('mg:', id, 'click', `${id}|b@yahoo.com`);
    expect(fields(rows)).toEqual([...ids.flatMap((id) => [`mg:${id}`, `u:click:mg:${id}|b@yahoo.com`]), '']);
  });
});
