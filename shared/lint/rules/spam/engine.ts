/**
 * Runs SpamAssassin's rules (rules.generated.ts) on a message view with SpamAssassin's semantics (Check.pm):
 * header rules on `get()` values (missing header: the if-unset text or ''), body rules per rendered paragraph line,
 * rawbody per decoded paragraph, full on the whole message, uri per URI, mimeheader per MIME part, evals through
 * the ported eval functions, metas last over hit counts (Perl && / || / arithmetic). `tflags multiple` counts every
 * match up to `maxhits`. Rules SpamAssassin does not run offline (network, Bayes) never hit, as with spamd -L.
 */
import type { SpamView } from '../../message/spam-view';
import type { SpamRuleDef } from './data';
import { pseudoHeaders } from './evals/header';
import { type EvalContext, evalFunctions } from './evals/index';
import { LiteralSet, lineStarts } from './literals';
import { RuleMatcher, startMessage } from './matcher';
import { MetaProgram } from './meta-program';
import { spamRuleData } from './rules.generated';

/**
 * JavaScript regexes cannot be interrupted, so every text a rule runs on is bounded: body lines are at most 2 KB
 * (SpamAssassin's own split), rawbody paragraphs 4 KB, and a header value (ALL included) is matched on its first
 * 16 KB. Measured: no rule takes more than a few milliseconds on adversarial 2 KB lines (repeated letters,
 * dots, spaces, at-signs), i.e. the worst rules are polynomial, none exponential.
 */
const MAX_HEADER_VALUE = 16_384;

export interface EngineRule extends SpamRuleDef {
  /** Position in engineRules: per-message state lives in arrays indexed by it. */
  index: number;
  /** Whether the engine evaluates the rule (ported, not disabled, eval implemented). */
  runs: boolean;
  /** Why it does not run, for people. */
  why?: string;
  matcher?: RuleMatcher;
  asciiMatcher?: RuleMatcher;
  /** tflags multiple: every match counts, up to maxhits. */
  multiple: boolean;
  /** tflags nosubject: a body rule skips the first body line (the Subject). */
  nosubject: boolean;
  /** The header request (`From:addr`), for header rules. */
  request?: string;
  /** Where the rule's required literals are looked up (see needPlan), per form, once known. */
  plan?: NeedPlan | null;
  asciiPlan?: NeedPlan | null;
  /** `lookalikes` as a set of octets 0x80-0xff (bit octet - 0x80), once asked for. */
  lookalikeMask?: Uint32Array;
}

export interface EngineResult {
  /** Hit counts by rule name (sub-rules included). */
  hits: Map<string, number>;
  /** Scoring hits (not `__`, non-zero score), in name order. */
  scoring: EngineRule[];
  score: number;
}

export const engineRules: EngineRule[] = spamRuleData.rules.map((def, index) => {
  const rule: EngineRule = { ...def, index, runs: false, multiple: def.tflags.includes('multiple'), nosubject: def.tflags.includes('nosubject') };
  if (def.header) rule.request = def.modifiers?.length ? `${def.header}:${def.modifiers.join(':')}` : def.header;
  if (!def.ported) rule.why = def.reason ?? 'not ported';
  else if (def.disabled) rule.why = 'score 0 in SpamAssassin 4.0.1: the rule does not run';
  else if (def.eval && !evalFunctions.has(def.eval.fn)) rule.why = `eval ${def.eval.fn}() is not ported yet`;
  else rule.runs = true;
  return rule;
});
export const engineRuleIndex = new Map(engineRules.map((r) => [r.name, r]));

/**
 * The rule's matcher for a text: its ASCII form (ReplaceTags rules without the non-ASCII lookalikes) when the text
 * holds none of the octets those lookalikes begin with (`high`: the text's octets above 0x7f, see highOctets).
 * That form is much cheaper to compile and to run, and typographic punctuation (UTF-8 E2 80 xx) does not force the
 * full form on rules whose lookalikes never start with E2.
 */
function matcherFor(rule: EngineRule, high?: Uint32Array | null): RuleMatcher {
  if (rule.asciiRe && high !== undefined && (high === null || !intersects(high, lookalikeMask(rule)))) return (rule.asciiMatcher ??= new RuleMatcher(rule.asciiRe, rule.flags ?? ''));
  return (rule.matcher ??= new RuleMatcher(rule.re!, rule.flags ?? ''));
}

function lookalikeMask(rule: EngineRule): Uint32Array {
  if (rule.lookalikeMask) return rule.lookalikeMask;
  // A rule without the list: every high octet counts (the full form runs on any non-ASCII text).
  const mask = new Uint32Array(4).fill(rule.lookalikes === undefined ? 0xffffffff : 0);
  for (const char of rule.lookalikes ?? '') {
    const bit = char.charCodeAt(0) - 0x80;
    mask[bit >> 5]! |= 1 << (bit & 31);
  }
  return (rule.lookalikeMask = mask);
}

function intersects(a: Uint32Array, b: Uint32Array): boolean {
  return ((a[0]! & b[0]!) | (a[1]! & b[1]!) | (a[2]! & b[2]!) | (a[3]! & b[3]!)) !== 0;
}

/** The octets 0x80-0xff a text holds, as a set (bit octet - 0x80), or null when it has none. */
function highOctets(text: string): Uint32Array | null {
  // The native search skips the ASCII run before the first such octet (most of a mostly-ASCII line).
  const first = text.search(highOctet);
  if (first < 0) return null;
  const mask = new Uint32Array(4);
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || code > 0xff) continue;
    const bit = code - 0x80;
    mask[bit >> 5]! |= 1 << (bit & 31);
  }
  return mask;
}

/** Texts joined once per message, as is and lower-cased, for the required-literal check. */
interface Haystack {
  text: string;
  lower?: string;
  /** No octet above 0x7f anywhere: ReplaceTags rules look for their ASCII form's literals (needPlan, mayMatch). */
  ascii: boolean;
  /** Per line, the octets above 0x7f it holds (highOctets), null for an ASCII line. */
  highLines: Array<Uint32Array | null>;
  /** Offset of each line in `text` (lines are joined with one "\n"), for mapping a literal's position to its line. */
  starts?: Int32Array;
  /** Lines holding each literal of an automaton (by literal id), per automaton (literalSetOf), scanned once. */
  found: Map<LiteralSet, ReadonlyArray<number[] | undefined>>;
}

const highOctet = /[\x80-\xff]/;

function haystack(lines: string[], cache: Map<string[], Haystack>): Haystack {
  let h = cache.get(lines);
  if (!h) {
    const text = lines.join('\n');
    const ascii = !highOctet.test(text);
    h = { text, ascii, found: new Map(), highLines: ascii ? lines.map(() => null) : lines.map(highOctets) };
    cache.set(lines, h);
  }
  return h;
}

/** False when the text lacks every literal the rule's matches must contain: the regex cannot match. */
function mayMatch(rule: EngineRule, h: Haystack): boolean {
  const need = h.ascii && rule.asciiRe ? rule.asciiNeed : rule.need;
  if (!need) return true;
  const text = need.ci ? (h.lower ??= h.text.toLowerCase()) : h.text;
  for (const lit of need.any) if (text.includes(lit)) return true;
  return false;
}

/**
 * The required literals of the rules of one type (body, rawbody, full, uri), compared as is or lower-cased: one
 * automaton each, built when first needed. Per type, so a text is scanned only for what its own rules need.
 */
const literalSets = new Map<string, LiteralSet>();

function literalSetOf(type: string, ci: boolean): LiteralSet {
  const key = `${type}:${ci}`;
  let set = literalSets.get(key);
  if (!set) {
    const literals: string[] = [];
    for (const rule of engineRules) {
      if (!rule.runs || rule.type !== type) continue;
      for (const need of [rule.need, rule.asciiNeed]) if (need && need.ci === ci) literals.push(...need.any);
    }
    set = new LiteralSet(literals);
    literalSets.set(key, set);
  }
  return set;
}

/** A rule form's required literals, by their ids in the automaton that finds them. */
interface NeedPlan {
  ids: Int32Array;
  ci: boolean;
  set: LiteralSet;
}

/** The plan of a rule form, worked out once; null when the form has no usable literal (it runs on every line). */
function needPlan(rule: EngineRule, ascii: boolean): NeedPlan | null {
  const cached = ascii ? rule.asciiPlan : rule.plan;
  if (cached !== undefined) return cached;
  const need = ascii ? rule.asciiNeed : rule.need;
  let plan: NeedPlan | null = null;
  if (need) {
    const set = literalSetOf(rule.type, need.ci);
    // A literal the automaton could not hold (characters above 0xff) leaves the rule on every line.
    if (!set.partial || need.any.every((lit) => set.has(lit))) plan = { ids: Int32Array.from(need.any, (lit) => set.idOf(lit)), ci: need.ci, set };
  }
  if (ascii) rule.asciiPlan = plan;
  else rule.plan = plan;
  return plan;
}

const NO_LINES: readonly number[] = [];

/**
 * The lines a rule can match at all: with required literals, only the lines that hold one (a match lies within one
 * line, so it contains a literal that starts in that line), in line order; without, null (every line).
 */
function candidateLines(rule: EngineRule, lines: string[], h: Haystack): readonly number[] | null {
  const plan = needPlan(rule, Boolean(h.ascii && rule.asciiRe));
  if (!plan) return null;
  const text = plan.ci ? (h.lower ??= h.text.toLowerCase()) : h.text;
  // Lower-casing octets keeps every offset; anything else (never expected) falls back to every line.
  if (text.length !== h.text.length) return null;
  const starts = (h.starts ??= lineStarts(lines));
  let found = h.found.get(plan.set);
  if (!found) {
    found = plan.set.scan(text, starts).byId;
    h.found.set(plan.set, found);
  }
  // Most literals of most rules are absent: only a rule with two or more found pays for merging their lines.
  const { ids } = plan;
  let first: number[] | undefined;
  let several = false;
  for (let i = 0; i < ids.length; i++) {
    const at = found[ids[i]!];
    if (!at) continue;
    if (first) {
      several = true;
      break;
    }
    first = at;
  }
  if (!several) return first ?? NO_LINES;
  const marked = new Uint8Array(lines.length);
  for (let i = 0; i < ids.length; i++) for (const line of found[ids[i]!] ?? NO_LINES) marked[line] = 1;
  const out: number[] = [];
  for (let i = 0; i < marked.length; i++) if (marked[i]) out.push(i);
  return out;
}

function matchLines(rule: EngineRule, lines: string[], skipFirst: boolean, h: Haystack): number {
  const first = skipFirst ? 1 : 0;
  const candidates = candidateLines(rule, lines, h);
  const count = candidates ? candidates.length : lines.length;
  if (rule.multiple) {
    const limit = rule.maxhits ?? Infinity;
    let hits = 0;
    for (let k = 0; k < count && hits < limit; k++) {
      const i = candidates ? candidates[k]! : k;
      if (i >= first) hits += matcherFor(rule, h.highLines[i]).count(lines[i]!, limit - hits);
    }
    return hits;
  }
  for (let k = 0; k < count; k++) {
    const i = candidates ? candidates[k]! : k;
    if (i >= first && matcherFor(rule, h.highLines[i]).test(lines[i]!)) return 1;
  }
  return 0;
}

/** A regex rule over line texts: only lines holding a required literal, ASCII form on ASCII lines. */
function matchText(rule: EngineRule, lines: string[], hay: Map<string[], Haystack>, skipFirst = false): number {
  return matchLines(rule, lines, skipFirst, haystack(lines, hay));
}

function headerRule(rule: EngineRule, view: SpamView, texts: Map<string, string[]>, hay: Map<string[], Haystack>): number {
  const request = rule.request!;
  const value = view.get(request);
  if (rule.exists) return (value !== undefined) !== Boolean(rule.negate) ? 1 : 0;
  // One haystack per distinct text (hundreds of rules read Subject, From or ALL).
  const key = value === undefined ? `\u0000${rule.ifUnset ?? ''}` : request;
  let lines = texts.get(key);
  if (!lines) {
    lines = [(value ?? rule.ifUnset ?? '').slice(0, MAX_HEADER_VALUE)];
    texts.set(key, lines);
  }
  const text = lines[0]!;
  const h = haystack(lines, hay);
  if (!mayMatch(rule, h)) return rule.negate ? 1 : 0;
  const matcher = matcherFor(rule, h.highLines[0]);
  if (rule.negate) return matcher.test(text) ? 0 : 1;
  if (rule.multiple) return matcher.count(text, rule.maxhits ?? Infinity);
  return matcher.test(text) ? 1 : 0;
}

function mimeheaderRule(rule: EngineRule, view: SpamView): number {
  const raw = rule.modifiers?.includes('raw') ?? false;
  const matcher = matcherFor(rule);
  const nodes = [view.message.root];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    nodes.push(...node.children);
    if (node === view.message.root) continue;
    for (const h of node.headersNamed(rule.header!)) {
      const value = raw ? h.raw.replace(/^[ \t]+/, '').replace(/\n[ \t]+/g, ' ').replace(/\n$/, '') : h.value;
      if (matcher.test(value)) return 1;
    }
  }
  return 0;
}

/** Every running meta's expression, by rule index. */
const metas = new MetaProgram(
  engineRules.map((rule) => (rule.type === 'meta' && rule.runs ? rule.meta : undefined)),
  (name) => engineRuleIndex.get(name)?.index ?? -1,
);

/** The rules that score (not `__`, non-zero score) and run: each message resolves these, and their sub-rules. */
const scoringRules = engineRules.filter((rule) => rule.runs && !rule.name.startsWith('__') && rule.score);

/** Evaluates every rule on one message (`only`: just these; `timing`: adds each rule's milliseconds, for the bench). */
export function runEngine(view: SpamView, only?: ReadonlySet<string>, timing?: Map<string, number>): EngineResult {
  startMessage();
  const hits = new Map<string, number>();
  const ctx: EvalContext = { view, hits, memo: new Map() };
  pseudoHeaders(ctx);
  // Keyed by the line array itself (body, rawbody, uris, full, and one array per distinct header text).
  const hay = new Map<string[], Haystack>();
  const headerTexts = new Map<string, string[]>();
  const full = [view.full];
  const evaluate = (rule: EngineRule): number => {
    let count = 0;
    const started = timing ? performance.now() : 0;
    if (rule.eval) {
      const fn = evalFunctions.get(rule.eval.fn)!;
      const result = fn(ctx, rule.eval.args);
      count = typeof result === 'number' ? result : result ? 1 : 0;
    } else if (rule.type === 'header') count = headerRule(rule, view, headerTexts, hay);
    else if (rule.type === 'body') count = matchText(rule, view.body, hay, rule.nosubject);
    else if (rule.type === 'rawbody') count = matchText(rule, view.rawbody, hay);
    else if (rule.type === 'full') count = matchText(rule, full, hay);
    else if (rule.type === 'uri') count = matchText(rule, view.uris, hay);
    else if (rule.type === 'mimeheader') count = mimeheaderRule(rule, view);
    if (timing) timing.set(rule.name, (timing.get(rule.name) ?? 0) + performance.now() - started);
    if (count > 0) hits.set(rule.name, count);
    return count > 0 ? count : 0;
  };
  // A rule's value for a meta, computed when first asked: sub-rules no scoring rule needs are never run, and a
  // meta's && / || stop where Perl stops, so the operands they skip cost nothing (the value is the same). Rules that
  // do not run (unported, network, score 0, undefined) count 0, as in spamd -L; cycles count 0 as SpamAssassin
  // leaves unsolvable metas out.
  // By rule index: 0 not asked yet, BUSY while a meta is being computed, DONE once its value is in `values`.
  const BUSY = 1;
  const DONE = 2;
  const state = new Uint8Array(engineRules.length);
  const values = new Float64Array(engineRules.length);
  const resolve = (i: number): number => {
    if (state[i] === DONE) return values[i]!;
    if (state[i] === BUSY) return 0;
    const rule = engineRules[i]!;
    if (!rule.runs || (only && !only.has(rule.name))) return 0;
    let value: number;
    if (rule.type !== 'meta') value = evaluate(rule);
    else {
      state[i] = BUSY;
      value = metas.evaluate(metas.roots[i]!, resolve);
      if (value) hits.set(rule.name, value);
    }
    state[i] = DONE;
    values[i] = value;
    return value;
  };
  // Every rule that scores runs; sub-rules only as their metas need them.
  if (only) {
    for (const rule of engineRules) if (rule.runs && only.has(rule.name)) resolve(rule.index);
  } else for (const rule of scoringRules) resolve(rule.index);
  const scoring: EngineRule[] = [];
  let score = 0;
  for (const [name, count] of hits) {
    if (!count) continue;
    const rule = engineRuleIndex.get(name)!;
    if (name.startsWith('__') || !rule.score) continue;
    scoring.push(rule);
    score += rule.score;
  }
  scoring.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { hits, scoring, score: Math.round(score * 1000) / 1000 };
}

/** The first text a regex rule matched (for pointing at it), if it is a body, rawbody, uri or header rule. */
export function firstMatch(rule: EngineRule, view: SpamView): string | undefined {
  if (!rule.re) return undefined;
  const lines = rule.type === 'body' ? view.body : rule.type === 'rawbody' ? view.rawbody : rule.type === 'uri' ? view.uris : undefined;
  if (!lines) return undefined;
  for (let i = rule.type === 'body' && rule.nosubject ? 1 : 0; i < lines.length; i++) {
    // The form the engine matched the line with: the full form of a ReplaceTags rule may never have been compiled.
    const match = matcherFor(rule, rule.asciiRe ? highOctets(lines[i]!) : undefined).first(lines[i]!);
    if (match !== undefined) return match;
  }
  return undefined;
}
