import { describe, expect, it } from 'vitest';
import type { MetaAst } from '../../../shared/lint/rules/spam/data';
import { MetaProgram } from '../../../shared/lint/rules/spam/meta-program';

/** Evaluates one expression with rules A=2, B=0, C=1 (by name); any other name is unknown. */
function value(ast: MetaAst, asked: string[] = []): number {
  const names = ['A', 'B', 'C'];
  const values = [2, 0, 1];
  const program = new MetaProgram([ast], (name) => names.indexOf(name));
  return program.evaluate(program.roots[0]!, (index) => {
    asked.push(names[index]!);
    return values[index]!;
  });
}

const r = (name: string): MetaAst => ['r', name];
const n = (x: number): MetaAst => ['n', x];

describe('MetaProgram (SpamAssassin meta expressions, Perl semantics)', () => {
  it('&& and || yield the deciding operand and stop where Perl stops', () => {
    const asked: string[] = [];
    expect(value(['&&', r('B'), r('A')], asked)).toBe(0);
    expect(asked).toEqual(['B']);
    expect(value(['&&', r('A'), r('C')])).toBe(1);
    expect(value(['||', r('A'), r('C')])).toBe(2);
    const skipped: string[] = [];
    expect(value(['||', r('C'), r('A')], skipped)).toBe(1);
    expect(skipped).toEqual(['C']);
    expect(value(['||', r('B'), n(0)])).toBe(0);
  });

  it('arithmetic and comparisons on hit counts, as in (A + B + C) > 2', () => {
    expect(value(['>', ['+', ['+', r('A'), r('B')], r('C')], n(2)])).toBe(1);
    expect(value(['-', r('A'), r('C')])).toBe(1);
    expect(value(['*', r('A'), n(1.5)])).toBe(3);
    expect(value(['/', r('A'), r('B')])).toBe(0);
    expect(value(['/', r('A'), n(4)])).toBe(0.5);
    expect(value(['<', r('B'), r('C')])).toBe(1);
    expect(value(['<=', r('C'), n(1)])).toBe(1);
    expect(value(['>=', r('B'), n(1)])).toBe(0);
    expect(value(['==', r('A'), n(2)])).toBe(1);
    expect(value(['!=', r('A'), n(2)])).toBe(0);
    expect(value(['!', r('B')])).toBe(1);
    expect(value(['!', r('A')])).toBe(0);
  });

  it('an unknown rule counts 0 and an unknown operator evaluates both sides and yields 0', () => {
    expect(value(['||', r('NO_SUCH_RULE'), n(3)])).toBe(3);
    const asked: string[] = [];
    expect(value(['=~', r('A'), r('C')], asked)).toBe(0);
    expect(asked).toEqual(['A', 'C']);
  });

  it('a rule without an expression has no root', () => {
    const program = new MetaProgram([undefined, n(1)], () => -1);
    expect(program.roots[0]).toBe(-1);
    expect(program.evaluate(program.roots[1]!, () => 0)).toBe(1);
  });
});
