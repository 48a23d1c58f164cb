import { describe, expect, it } from 'vitest';
import { readRecords, type RecordItem } from '../../../electron/services/warmup/reader';

/** Feeds text in small uneven chunks, as a stream would. */
async function read(text: string, chunk = 7): Promise<RecordItem[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: RecordItem[] = [];
  for await (const batch of readRecords(chunks())) out.push(...batch);
  return out;
}

describe('streaming record reader', () => {
  it('reads NDJSON and reports a bad line by its number', async () => {
    const items = await read('{"a":1}\n{"a":2\n\n{"a":3}\r\n');
    expect(items).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, error: expect.stringMatching(/^not valid JSON/) }, { line: 4, value: { a: 3 } }]);
  });

  it('reads a JSON array written one element per line', async () => {
    const items = await read('[\n{"a":1},\n{"a":2},\n{"a":\n{"a":4}\n]\n');
    expect(items.map((i) => ('value' in i ? i.value : i.line))).toEqual([{ a: 1 }, { a: 2 }, 4, { a: 4 }]);
  });

  it('reads pretty-printed arrays and objects whatever the chunking, with braces inside strings', async () => {
    const text = '[\n  {\n    "a": "}{",\n    "b": [1, 2]\n  },\n  {\n    "a": "\\"quoted\\""\n  }\n]';
    for (const chunk of [1, 3, 1000]) {
      expect(await read(text, chunk)).toEqual([{ line: 2, value: { a: '}{', b: [1, 2] } }, { line: 6, value: { a: '"quoted"' } }]);
    }
  });

  it('reports a truncated pretty-printed file and stray text', async () => {
    expect(await read('[\n  {\n    "a": 1\n  },\n  oops\n  {\n    "b": 2')).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 5, error: 'text outside any JSON record' },
      { line: 6, error: 'the file ends inside this record (truncated export?)' },
    ]);
  });

  it('reads CSV with a header, nesting dotted columns', async () => {
    const items = await read('\uFEFFevent,mail.messageId\nSend,m1\n"broken,x\n');
    expect(items[0]).toEqual({ line: 2, value: { event: 'Send', mail: { messageId: 'm1' } } });
    expect(items[1]).toMatchObject({ line: 3, error: expect.stringMatching(/not a valid CSV row/) });
  });

  it('yields nothing for an empty file', async () => {
    expect(await read('   \n')).toEqual([]);
  });
});
