import fc from 'fast-check';
import { metricNames } from '../../../shared/contract/warmup';
import { importers } from '../../../electron/services/warmup/importers/index';
import type { MappedEvent } from '../../../electron/services/warmup/importers/types';
import { readRecords } from '../../../electron/services/warmup/reader';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const samples = [
  `[{"sg_event_id":"e1","event":"delivered","email":"a@gmail.com","timestamp":1727776800,"sg_message_id":"m1.x","ip":"192.0.2.1"},
 {"sg_event_id":"e2","event":"open","email":"a@gmail.com","timestamp":"1727776900","sg_machine_open":true}]`,
  `{"event-data":{"id":"x1","event":"failed","severity":"permanent","recipient":"b@yahoo.com","timestamp":1727776800.5,"message":{"headers":{"message-id":"m2"}}}}
{"event-data":{"id":"x2","event":"opened","recipient":"b@yahoo.com","timestamp":1727776900}}`,
  `RecordType,MessageID,Recipient,ReceivedAt,Type
Delivery,m3,c@outlook.com,2024-10-01T10:00:00Z,
Bounce,m4,d@outlook.com,2024-10-01T10:05:00Z,HardBounce`,
  `{"eventType":"Delivery","mail":{"messageId":"m5","timestamp":"2024-10-01T10:00:00.000Z","sourceIp":"192.0.2.9"},"delivery":{"recipients":["e@gmail.com"]}}`,
  `mail.messageId,eventType,mail.timestamp,bounce.bounceType
m6,Bounce,2024-10-01T10:00:00Z,Permanent`,
];

const jsonRecord = fc.dictionary(fc.constantFrom('event', 'sg_event_id', 'email', 'timestamp', 'type', 'ip', 'event-data', 'RecordType', 'eventType', 'mail', 'msys', 'recipient', 'id', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });
const structured = fc.oneof(
  fc.array(jsonRecord, { maxLength: 10 }).map((records) => JSON.stringify(records)),
  fc.array(jsonRecord, { maxLength: 10 }).map((records) => records.map((record) => JSON.stringify(record)).join('\n')),
  fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 6 }).map((values) => values.map((value) => JSON.stringify(value, null, 2)).join('\n')),
);

/**
 * Hostile input for the prototype oracle: CSV headers whose dotted names walk into the
 * prototype chain (`__proto__.x`, `constructor.prototype.x`, `a.__proto__`), deep paths,
 * duplicate columns and numeric segments, and JSON whose keys are `__proto__`.
 */
const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'x', 'ca', 'polluted', 'event', 'eventType', 'RecordType', 'mail', 'messageId', 'timestamp', 'event-data', 'id', 'recipient', 'toString', 'valueOf', 'hasOwnProperty', 'length', 'a', '0', '1', '00', '-1', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const column = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
  fc.array(segment, { minLength: 4, maxLength: 12 }).map((parts) => parts.join('.')),
  fc.constantFrom('__proto__.x', 'constructor.prototype.x', 'a.__proto__', '__proto__.__proto__.x', 'a.constructor.prototype.x', 'mail.__proto__.ca', 'prototype'),
);
const cell = fc.oneof(fc.constantFrom('', 'x', '1', 'true', 'Delivery', 'Bounce', 'delivered', 'a@gmail.com', '2024-10-01T10:00:00Z', '1727776800', '{}', '[]'), fc.string({ maxLength: 12 }));
const csvCell = (text: string) => (/[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text);
const hostileCsv = fc
  .record({ columns: fc.array(column, { minLength: 1, maxLength: 8 }), repeat: fc.nat(), rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 5 }) })
  .map(({ columns, repeat, rows }) => {
    const header = [...columns, columns[repeat % columns.length]!];
    return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
  });
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'event', 'mail', 'msys', 'event-data', 'headers', 'x');
/** JSON text written by hand: JSON.stringify of a generated object would not keep a `__proto__` key. */
const hostileValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('"x"', '1', 'true', 'null', '"delivered"', '"a@gmail.com"', '1727776800', '"2024-10-01T10:00:00Z"', '[]', '{}'),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
    fc.array(tie('value'), { maxLength: 3 }).map((values) => `[${values.join(',')}]`),
  ),
})).value;
const hostileJson = fc.oneof(
  fc.array(hostileValue, { maxLength: 5 }).map((records) => `[${records.join(',')}]`),
  fc.array(hostileValue, { maxLength: 5 }).map((records) => records.join('\n')),
);

/** The text split into chunks at random places, as a 1 MB stream reader would hand it over. */
async function* chunked(text: string, cuts: readonly number[]): AsyncGenerator<string> {
  let at = 0;
  for (const cut of [...cuts].map((c) => c % (text.length + 1)).sort((a, b) => a - b)) {
    yield text.slice(at, cut);
    at = cut;
  }
  yield text.slice(at);
}

function checkEvent(event: MappedEvent): void {
  if (!event.id || !Number.isFinite(event.time) || !(metricNames as readonly string[]).includes(event.metric) || typeof event.recipient !== 'string') {
    throw new Error(`an importer produced a malformed event ${JSON.stringify(event)}`);
  }
}

/** ESP exports (JSON, NDJSON, concatenated JSON, CSV with dotted and hostile headers) through the warmup reader and every ESP's mapping. */
export const espImportTarget: FuzzTarget<{ text: string; cuts: number[] }> = {
  name: 'esp-import',
  summary: 'ESP export imports, JSON and CSV (electron/services/warmup/reader.ts, importers/)',
  input: fc.record({
    text: fc.oneof(
      { weight: 3, arbitrary: structured },
      { weight: 3, arbitrary: mutated(samples, 8) },
      { weight: 3, arbitrary: hostileCsv },
      { weight: 2, arbitrary: hostileJson },
      { weight: 1, arbitrary: anyText },
    ),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
  }),
  runs: 15_000,
  async run({ text, cuts }) {
    for await (const batch of readRecords(chunked(text, cuts))) {
      for (const item of batch) {
        if (!Number.isInteger(item.line) || item.line < 1) throw new Error(`a record has no line: ${JSON.stringify(item)}`);
        if ('error' in item) continue;
        for (const importer of Object.values(importers)) importer.map(item.value, { event: checkEvent, skip: () => {} });
      }
    }
  },
};
