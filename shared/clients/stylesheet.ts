/**
 * A `<style>` block as a tree with offsets, enough to drop or rewrite parts of it: at-rules with a block
 * (`@media`, `@supports`, `@font-face`), at-rule statements (`@import …;`), and style rules with their
 * declarations. Comments are blanked before scanning, so braces inside them do not count; budget: nesting depth 16.
 */
export type CssNode =
  | { kind: 'block-at'; name: string; prelude: string; start: number; bodyStart: number; end: number; children: CssNode[] }
  | { kind: 'statement-at'; name: string; prelude: string; start: number; end: number }
  | { kind: 'rule'; selector: string; start: number; bodyStart: number; end: number };

const MAX_DEPTH = 16;

export function parseStylesheet(css: string): CssNode[] {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
  let i = 0;
  const parseList = (depth: number): CssNode[] => {
    const nodes: CssNode[] = [];
    let start = i;
    while (i < clean.length) {
      const c = clean[i]!;
      if (c === '}') return nodes;
      if (c === ';') {
        const prelude = clean.slice(start, i).trim();
        if (prelude.startsWith('@')) nodes.push({ kind: 'statement-at', name: atName(prelude), prelude, start: start + leading(clean, start), end: i + 1 });
        i++;
        start = i;
      } else if (c === '{') {
        const prelude = clean.slice(start, i).trim();
        const nodeStart = start + leading(clean, start);
        const bodyStart = i + 1;
        i++;
        if (prelude.startsWith('@') && depth < MAX_DEPTH && /^@(?:media|supports|document|layer|container)\b/i.test(prelude)) {
          const children = parseList(depth + 1);
          i++;
          nodes.push({ kind: 'block-at', name: atName(prelude), prelude, start: nodeStart, bodyStart, end: i, children });
        } else {
          // A style rule, or an at-rule whose block holds declarations (@font-face, @page) or frames (@keyframes).
          let nested = 0;
          while (i < clean.length && !(clean[i] === '}' && nested === 0)) {
            if (clean[i] === '{') nested++;
            else if (clean[i] === '}') nested--;
            i++;
          }
          i++;
          if (prelude.startsWith('@')) nodes.push({ kind: 'block-at', name: atName(prelude), prelude, start: nodeStart, bodyStart, end: i, children: [] });
          else nodes.push({ kind: 'rule', selector: prelude, start: nodeStart, bodyStart, end: i });
        }
        start = i;
      } else i++;
    }
    return nodes;
  };
  const nodes: CssNode[] = [];
  while (i < clean.length) {
    nodes.push(...parseList(0));
    i++; // a stray '}' at the top level
  }
  return nodes;
}

const atName = (prelude: string) => /^@([a-z-]+)/i.exec(prelude)?.[1]?.toLowerCase() ?? '';
const leading = (text: string, from: number) => {
  let n = 0;
  while (/\s/.test(text[from + n] ?? '')) n++;
  return n;
};
