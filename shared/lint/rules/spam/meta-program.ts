/**
 * Meta rule expressions as one flat table of nodes, evaluated by a single switch.
 *
 * A message asks for thousands of meta nodes. Compiled to one closure per node, every call site saw a different
 * closure (megamorphic) and cost about a fifth of a warm template lint; one monomorphic function walking a table
 * does the same work several times faster. Perl semantics: && and || stop early and yield the deciding operand,
 * division by zero yields 0 (SpamAssassin guards it), an unknown operator evaluates both sides and yields 0.
 */
import type { MetaAst } from './data';

const NUMBER = 0;
const RULE = 1;
const NOT = 2;
const AND = 3;
const OR = 4;
const ADD = 5;
const SUB = 6;
const MUL = 7;
const DIV = 8;
const LT = 9;
const GT = 10;
const LE = 11;
const GE = 12;
const EQ = 13;
const NE = 14;
const ZERO = 15;

const binaryOps = new Map([
  ['&&', AND],
  ['||', OR],
  ['+', ADD],
  ['-', SUB],
  ['*', MUL],
  ['/', DIV],
  ['<', LT],
  ['>', GT],
  ['<=', LE],
  ['>=', GE],
  ['==', EQ],
  ['!=', NE],
]);

export class MetaProgram {
  /** Each rule's root node, or -1 when it has no expression. */
  readonly roots: Int32Array;
  /** Three slots per node: the operation, then its operands (a constant's index, a rule index, child nodes). */
  private readonly nodes: Int32Array;
  private readonly constants: Float64Array;

  /** `ruleIndex` gives a rule's index by name, or -1 for a name no rule has (it counts 0). */
  constructor(asts: ReadonlyArray<MetaAst | undefined>, ruleIndex: (name: string) => number) {
    const nodes: number[] = [];
    const constants: number[] = [];
    const add = (ast: MetaAst): number => {
      const at = nodes.length / 3;
      nodes.push(0, 0, 0);
      let op: number;
      let x = 0;
      let y = 0;
      if (ast[0] === 'n') {
        op = NUMBER;
        x = constants.push(ast[1] as number) - 1;
      } else if (ast[0] === 'r') {
        op = RULE;
        x = ruleIndex(ast[1] as string);
      } else if (ast[0] === '!') {
        op = NOT;
        x = add(ast[1] as MetaAst);
      } else {
        op = binaryOps.get(ast[0]) ?? ZERO;
        x = add(ast[1] as MetaAst);
        y = add(ast[2] as MetaAst);
      }
      nodes[at * 3] = op;
      nodes[at * 3 + 1] = x;
      nodes[at * 3 + 2] = y;
      return at;
    };
    this.roots = new Int32Array(asts.length).fill(-1);
    asts.forEach((ast, index) => {
      if (ast) this.roots[index] = add(ast);
    });
    this.nodes = Int32Array.from(nodes);
    this.constants = Float64Array.from(constants);
  }

  /** The value of node `at`, asking `resolve` for the value of each rule it needs (rule index, or -1: counts 0). */
  evaluate(at: number, resolve: (index: number) => number): number {
    const { nodes } = this;
    const p = at * 3;
    const x = nodes[p + 1]!;
    switch (nodes[p]) {
      case NUMBER:
        return this.constants[x]!;
      case RULE:
        return x < 0 ? 0 : resolve(x);
      case NOT:
        return this.evaluate(x, resolve) ? 0 : 1;
      case AND: {
        const left = this.evaluate(x, resolve);
        return left ? this.evaluate(nodes[p + 2]!, resolve) : left;
      }
      case OR: {
        const left = this.evaluate(x, resolve);
        return left ? left : this.evaluate(nodes[p + 2]!, resolve);
      }
    }
    const left = this.evaluate(x, resolve);
    const right = this.evaluate(nodes[p + 2]!, resolve);
    switch (nodes[p]) {
      case ADD:
        return left + right;
      case SUB:
        return left - right;
      case MUL:
        return left * right;
      case DIV:
        return right === 0 ? 0 : left / right;
      case LT:
        return left < right ? 1 : 0;
      case GT:
        return left > right ? 1 : 0;
      case LE:
        return left <= right ? 1 : 0;
      case GE:
        return left >= right ? 1 : 0;
      case EQ:
        return left === right ? 1 : 0;
      case NE:
        return left !== right ? 1 : 0;
      default:
        return 0;
    }
  }
}
