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

/** ESP exports (JSON, NDJSON, concatenated JSON, CSV) through the warmup reader and every ESP's mapping. */
export const espImportTarget: FuzzTarget<{ text: string; cuts: number[] }> = {
  name: 'esp-import',
  summary: 'ESP export imports, JSON and CSV (electron/services/warmup/reader.ts, importers/)',
  input: fc.record({
    text: fc.oneof({ weight: 3, arbitrary: structured }, { weight: 3, arbitrary: mutated(samples, 8) }, { weight: 1, arbitrary: anyText }),
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
