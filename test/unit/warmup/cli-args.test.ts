import { describe, expect, it } from 'vitest';
import { parseIps, parseMix, parseWeekdays } from '../../../electron/cli/commands/warmup';

describe('warmup CLI arguments', () => {
  it('reads weekday lists and ranges, wrapping past Sunday', () => {
    expect(parseWeekdays('mon-fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseWeekdays('sun-thu')).toEqual(['mon', 'tue', 'wed', 'thu', 'sun']);
    expect(parseWeekdays('Monday,wed,fri')).toEqual(['mon', 'wed', 'fri']);
    expect(() => parseWeekdays('mon-xyz')).toThrow(/"xyz" is not a weekday/);
  });

  it('reads a mix, leaving unnamed providers at 0', () => {
    expect(parseMix('gmail=60,other=40')).toEqual({ gmail: 60, microsoft: 0, yahoo: 0, apple: 0, other: 40 });
    // One vocabulary with seeds: common spellings are aliases, shares of one provider add up.
    expect(parseMix('gmail=50,outlook=20,hotmail=10,icloud=5,aol=5,other=10')).toEqual({ gmail: 50, microsoft: 30, yahoo: 5, apple: 5, other: 10 });
    expect(() => parseMix('nowhere=10')).toThrow(/"nowhere=10" is not provider=percent/);
  });

  it('reads an IP count or a list of addresses', () => {
    expect(parseIps('3')).toEqual(['ip-1', 'ip-2', 'ip-3']);
    expect(parseIps('192.0.2.10, 192.0.2.11')).toEqual(['192.0.2.10', '192.0.2.11']);
    expect(() => parseIps('0')).toThrow(/from 1 to 64/);
  });
});
