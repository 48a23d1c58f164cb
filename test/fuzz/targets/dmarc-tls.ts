import fc from 'fast-check';
import { readReportFile } from '../../../electron/services/dmarc/read';
import { mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertReport, dmarcSamples } from './dmarc-samples';

const samples = dmarcSamples('tls/rfc8460.json');
const key = fc.constantFrom('organization-name', 'date-range', 'start-datetime', 'end-datetime', 'report-id', 'policies', 'policy', 'policy-type', 'policy-domain', 'mx-host',
  'summary', 'total-successful-session-count', 'total-failure-session-count', 'failure-details', 'result-type', 'failed-session-count', '__proto__', 'constructor');
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('2016-04-01T00:00:00Z', 'not a date', 1e300, -1, 1.5),
    fc.dictionary(key, tie('v'), { maxKeys: 6 }),
    fc.array(tie('v'), { maxLength: 4 }),
  ),
})).v;
const structured = fc.dictionary(key, value, { maxKeys: 8 }).map((o) => JSON.stringify(o));

/** SMTP TLS reports, RFC 8460 JSON (electron/services/dmarc/tls.ts). */
export const dmarcTlsTarget: FuzzTarget = {
  name: 'dmarc-tls',
  summary: 'SMTP TLS report JSON (electron/services/dmarc/tls.ts)',
  input: fc.oneof({ weight: 3, arbitrary: mutated(samples, 8) }, { weight: 3, arbitrary: structured }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => `{${s}`) }),
  runs: 10_000,
  run(input) {
    for (const report of readReportFile('fuzz.json', Buffer.from(input, 'latin1'))) assertReport(report);
  },
};
