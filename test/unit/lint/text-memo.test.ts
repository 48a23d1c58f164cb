import { describe, expect, it } from 'vitest';
import { TextMemo } from '../../../shared/lint/text-memo';

describe('TextMemo (memo of template text shared across lints, bounded)', () => {
  it('computes each key once while it is held', () => {
    const memo = new TextMemo<number>(10, 1_000);
    let calls = 0;
    const make = (key: string) => {
      calls++;
      return key.length;
    };
    expect(memo.through('color:red', make)).toBe(9);
    expect(memo.through('color:red', make)).toBe(9);
    expect(calls).toBe(1);
  });

  it('starts over past its entry bound', () => {
    const memo = new TextMemo<string>(3, 1_000);
    for (const key of ['a', 'b', 'c']) memo.set(key, key);
    expect(memo.get('a')).toBe('a');
    memo.set('d', 'd');
    expect(memo.get('a')).toBeUndefined();
    expect(memo.get('d')).toBe('d');
  });

  it('starts over past its character bound: thousands of distinct large styles cannot pile up', () => {
    const memo = new TextMemo<number>(1_000_000, 16_000);
    for (let i = 0; i < 1_000; i++) memo.set(`${'x'.repeat(900)}${i}`, i);
    let held = 0;
    for (let i = 0; i < 1_000; i++) if (memo.get(`${'x'.repeat(900)}${i}`) !== undefined) held++;
    expect(held).toBeGreaterThan(0);
    expect(held * 900).toBeLessThanOrEqual(16_000);
  });

  it('does not keep a key longer than a sixteenth of its character budget', () => {
    const memo = new TextMemo<number>(100, 16_000);
    const huge = 'y'.repeat(1_001);
    expect(memo.through(huge, () => 7)).toBe(7);
    expect(memo.get(huge)).toBeUndefined();
  });
});
