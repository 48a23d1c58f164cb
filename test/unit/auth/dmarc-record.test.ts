import { describe, expect, it } from 'vitest';
import { dmarcTags, parseDmarcRecord } from '../../../electron/services/auth/dmarc-record';

// the message check reads tags with dmarcTags, the audit with parseDmarcRecord: they must read a record alike
const records = [
  'v=DMARC1; p=reject; rua=mailto:d@example.com',
  ' V = DMARC1 ;P = Reject;; sp=none ; ',
  'v=DMARC1; p=quarantine; p=reject',
  'v=DMARC1; junk; 9x=1; np=quarantine; pct=50',
  'p=none; v=DMARC1',
  ';;;',
  '',
  'v=DMARC1; p=reject; __proto__=1; constructor=2',
];

describe('DMARC record tags', () => {
  it('dmarcTags reads what parseDmarcRecord reads: names in lower case, values trimmed, the last of a repeated tag, parts that are not name=value skipped', () => {
    for (const record of records) expect(new Map(dmarcTags(record)), record).toEqual(parseDmarcRecord(record, 'example.com').tags);
    expect([...dmarcTags(' V = DMARC1 ;P = Reject;; sp=none ; ')]).toEqual([
      ['v', 'DMARC1'],
      ['p', 'Reject'],
      ['sp', 'none'],
    ]);
    expect(dmarcTags('v=DMARC1; p=quarantine; p=reject').get('p')).toBe('reject');
    expect(dmarcTags('v=DMARC1; p=reject; constructor=2').get('constructor')).toBe('2');
  });

  it('parseDmarcRecord still judges each part in order: a part that is no pair, a record that does not start with v, a repeated tag', () => {
    const rules = (record: string) => parseDmarcRecord(record, 'example.com').issues.map((issue) => issue.rule);
    expect(rules('v=DMARC1; junk; p=reject; rua=mailto:d@example.com')).toEqual(['dmarc-syntax']);
    expect(rules('p=reject; v=DMARC1; rua=mailto:d@example.com')).toEqual(['dmarc-version']);
    expect(rules(';; v=DMARC1; p=quarantine; p=reject; rua=mailto:d@example.com')).toEqual(['dmarc-duplicate-tag']);
    expect(parseDmarcRecord('v=DMARC1; junk', 'example.com').issues[0]!.message).toBe('"junk" is not a tag=value pair.');
  });
});
