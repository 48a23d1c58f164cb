import fc from 'fast-check';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { readReportFile } from '../../../electron/services/dmarc/read';
import { AppError } from '../../../shared/contract/errors';
import { zipOf } from '../../unit/dmarc/zip';
import type { FuzzTarget } from '../target';
import { assertReport, dmarcSamples } from './dmarc-samples';

const packed = dmarcSamples(
  'aggregate/example.net!example.com!1529366400!1529452799.xml.gz',
  'aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.zip',
  'tls/rfc8460.json.gz',
).map((s) => Buffer.from(s, 'latin1'));

// Bombs: 40 MB of one byte in about 40 kB, as gzip and as a zip entry that claims 11 bytes. Made once.
const flood = Buffer.alloc(40 * 1024 * 1024, 0x3c);
const bombs = [gzipSync(flood, { level: 9 }), zipOf([{ name: 'report.xml', data: deflateRawSync(flood, { level: 9 }), size: 11 }])];

type Edit = { at: number; byte: number; cut: boolean };
const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() });
const damaged = fc.tuple(fc.constantFrom(...packed.keys()), fc.array(edit, { maxLength: 6 }), fc.uint8Array({ maxLength: 20 })).map(([which, edits, tail]) => {
  let bytes = Buffer.from(packed[which]!);
  for (const e of edits) {
    const at = e.at % (bytes.length + 1);
    if (e.cut) bytes = bytes.subarray(0, at);
    else if (at < bytes.length) bytes[at] = e.byte;
  }
  return { bytes: Buffer.concat([bytes, tail]), bomb: false };
});

/** Gzip and zip framing (electron/services/dmarc/archive.ts): damaged archives, trailing bytes, and bombs that must be refused by budget. */
export const dmarcArchiveTarget: FuzzTarget<{ bytes: Buffer; bomb: boolean }> = {
  name: 'dmarc-archive',
  summary: 'DMARC report archives: gzip and zip, incl. bombs (electron/services/dmarc/archive.ts)',
  input: fc.oneof({ weight: 20, arbitrary: damaged }, { weight: 1, arbitrary: fc.constantFrom(...bombs).map((bytes) => ({ bytes, bomb: true })) }),
  runs: 8_000,
  run({ bytes, bomb }) {
    let reports;
    try {
      reports = readReportFile('fuzz.gz', bytes);
    } catch (error) {
      if (bomb && !(error instanceof AppError && /bomb|more than/.test(error.message))) throw new Error(`a bomb was not refused by budget: ${String(error)}`);
      throw error;
    }
    if (bomb) throw new Error('a decompression bomb was read instead of refused');
    for (const report of reports) assertReport(report);
  },
};
