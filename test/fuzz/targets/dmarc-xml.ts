import fc from 'fast-check';
import { readReportFile } from '../../../electron/services/dmarc/read';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertReport, dmarcSamples } from './dmarc-samples';

const samples = dmarcSamples(
  'aggregate/dmarcbis-example.net!example.com!1700000000!1700086399.xml',
  'aggregate/protection.outlook.com!example.com!1711756800!1711843200.xml',
  'aggregate/invalid_xml.xml',
  'aggregate/invalid_utf_8.xml',
);

const tag = fc.constantFrom('feedback', 'report_metadata', 'org_name', 'report_id', 'date_range', 'begin', 'end', 'policy_published', 'domain', 'p', 'record', 'row', 'source_ip', 'count', 'policy_evaluated', 'reason', 'auth_results', 'dkim', 'spf', 'x:feedback', '__proto__', 'constructor');
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('1', '-1', '1e400', '0x10', 'pass', 'PASS', '&amp;', '&#0;', '&#x110000;', '&lt;', ']]>', '<![CDATA[x'));
const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tag, text).map(([t, v]) => `<${t}>${v}</${t}>`),
    fc.tuple(tag, fc.array(tie('node'), { maxLength: 4 }), fc.boolean()).map(([t, kids, close]) => `<${t} a="1">${kids.join('')}${close ? `</${t}>` : ''}`),
  ),
})).node;
const structured = fc.tuple(fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="windows-1252"?>', 'garbage\n', '<!DOCTYPE x [<!ENTITY a "b">]>'), element)
  .map(([prolog, body]) => `${prolog}<feedback>${body}</feedback>`);

/** DMARC aggregate report XML (electron/services/dmarc/xml.ts, aggregate.ts). */
export const dmarcXmlTarget: FuzzTarget = {
  name: 'dmarc-xml',
  summary: 'DMARC aggregate report XML (electron/services/dmarc/aggregate.ts)',
  input: fc.oneof({ weight: 3, arbitrary: mutated(samples, 8) }, { weight: 3, arbitrary: structured }, { weight: 1, arbitrary: anyText }),
  runs: 12_000,
  run(input) {
    for (const report of readReportFile('fuzz.xml', Buffer.from(input, 'latin1'))) assertReport(report);
  },
};
