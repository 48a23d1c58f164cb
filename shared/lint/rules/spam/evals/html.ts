/** HTMLEval.pm: tests over the results of rendering every HTML part. */
import type { HtmlResults } from '../../../message/html-render';
import { type EvalContext, type EvalFn, num } from './types';

const all = (ctx: EvalContext): HtmlResults[] => ctx.view.htmlAll.map((h) => h.results);

/** An HTML result by SpamAssassin's key name. */
function value(r: HtmlResults, key: string): number | string[] | undefined {
  switch (key) {
    case 'html':
      return 1;
    case 'length':
      return r.length;
    case 'max_size':
      return r.maxSize;
    case 'min_size':
      return r.minSize;
    case 'closed_extra_ratio':
      return r.closedExtraRatio;
    case 'bad_tag_ratio':
      return r.badTagRatio;
    case 'non_element_ratio':
      return r.nonElementRatio;
    case 'obfuscation_ratio':
      return r.obfuscationRatio;
    case 'backhair_count':
      return r.backhairCount;
    case 'image_area':
      return r.imageArea;
    case 'non_space_len':
      return r.nonSpaceLen;
    case 'html_length':
      return r.htmlLength;
    case 'ratio':
      return r.ratio;
    case 'comment':
      return r.comment;
    case 'script':
      return r.script;
    case 'title':
      return r.title;
    case 'anchor':
      return r.anchor;
    default:
      return r.tests.has(key) ? 1 : undefined;
  }
}

/** `$val <expr>` where expr is a comparison like '!= 0' or '< 384' (the only forms the rules use). */
function compare(val: number, expr: string): boolean {
  const m = /^\s*(<=|>=|==|!=|<|>)\s*([-+]?\d+)\s*$/.exec(expr);
  if (!m) return false;
  const n = Number(m[2]);
  switch (m[1]) {
    case '<':
      return val < n;
    case '>':
      return val > n;
    case '<=':
      return val <= n;
    case '>=':
      return val >= n;
    case '==':
      return val === n;
    default:
      return val !== n;
  }
}

const perlRegex = new Map<string, RegExp>();
function regexOf(source: string): RegExp {
  let re = perlRegex.get(source);
  if (!re) {
    // The patterns in the rule files are plain (no Perl-only syntax); `.` must not cross newlines as in Perl.
    re = new RegExp(source.replace(/(^|[^\\])\./g, '$1[^\\n]'));
    perlRegex.set(source, re);
  }
  return re;
}

export const htmlEvals: Array<[string, EvalFn]> = [
  ['html_test', (ctx, [test]) => all(ctx).some((r) => Boolean(value(r, String(test))))],
  [
    'html_range',
    (ctx, [test, min, max]) =>
      all(ctx).some((r) => {
        const v = value(r, String(test));
        if (typeof v !== 'number') return false;
        if (max === undefined || max === 'inf') return v > num(min);
        return v > num(min) && v <= num(max);
      }),
  ],
  ['html_eval', (ctx, [test, expr]) => all(ctx).some((r) => typeof value(r, String(test)) === 'number' && compare(value(r, String(test)) as number, String(expr)))],
  [
    'html_text_match',
    (ctx, [key, pattern]) => {
      const re = regexOf(String(pattern));
      return all(ctx).some((r) => {
        const v = value(r, String(key));
        return Array.isArray(v) && v.some((s) => re.test(s));
      });
    },
  ],
  ['html_tag_exists', (ctx, [tag]) => all(ctx).some((r) => r.inside.has(String(tag)))],
  ['html_tag_balance', (ctx, [tag, expr]) => all(ctx).some((r) => r.inside.has(String(tag)) && compare(r.inside.get(String(tag))!, String(expr)))],
  ['html_image_only', (ctx, [min, max]) => all(ctx).some((r) => r.inside.has('img') && r.length > num(min) && r.length <= num(max))],
  [
    'html_image_ratio',
    (ctx, [min, max]) =>
      all(ctx).some((r) => {
        if (!(r.imageArea > 0)) return false;
        const ratio = r.nonSpaceLen / r.imageArea;
        return ratio > num(min) && ratio <= num(max);
      }),
  ],
  [
    'html_title_subject_ratio',
    (ctx, [ratio]) => {
      const subject = ctx.view.get('Subject') ?? '';
      if (subject === '') return false;
      return all(ctx).some((r) => Math.max(0, ...r.title.filter(Boolean).map((t) => t.length / subject.length)) > num(ratio));
    },
  ],
  // ok_locales defaults to "all": no charset is far away (HTMLEval html_charset_faraway returns 0).
  ['html_charset_faraway', () => false],
];
