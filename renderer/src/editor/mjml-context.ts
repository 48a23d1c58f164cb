import { isMjmlTag } from './mjml-data';

/** What the cursor is in, for completion and hover: pure text analysis, no Monaco. */
export type MjmlContext =
  | { kind: 'tag'; parent?: string; prefix: string; closing: boolean }
  | { kind: 'attribute'; tag: string; prefix: string; present: string[] }
  | { kind: 'value'; tag: string; attribute: string; prefix: string }
  | { kind: 'content'; parent?: string };

const TAG = /<(\/?)([a-z][\w-]*)([^<>]*?)(\/?)>/gi;

/** The innermost MJML tag still open at the end of `text` (HTML inside ending tags is ignored). */
export function enclosingTag(text: string): string | undefined {
  const stack: string[] = [];
  const withoutComments = text.replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const match of withoutComments.matchAll(TAG)) {
    const [, closing, rawName, , selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (!isMjmlTag(name)) continue;
    if (closing) {
      const index = stack.lastIndexOf(name);
      if (index >= 0) stack.length = index;
    } else if (!selfClosing) stack.push(name);
  }
  return stack.at(-1);
}

export function contextAt(textBefore: string): MjmlContext {
  const open = textBefore.lastIndexOf('<');
  const close = textBefore.lastIndexOf('>');
  if (open <= close || textBefore.startsWith('<!--', open)) return { kind: 'content', parent: enclosingTag(textBefore) };
  const inside = textBefore.slice(open + 1);
  const name = /^(\/?)([\w-]*)$/.exec(inside);
  if (name) return { kind: 'tag', parent: enclosingTag(textBefore.slice(0, open)), prefix: name[2]!, closing: name[1] === '/' };
  const tag = /^([\w-]+)/.exec(inside)?.[1]?.toLowerCase() ?? '';
  const value = /([\w-]+)\s*=\s*(["'])([^"']*)$/.exec(inside);
  if (value && !inside.slice(inside.lastIndexOf(value[0]) + value[0].length).includes(value[2]!)) {
    return { kind: 'value', tag, attribute: value[1]!.toLowerCase(), prefix: value[3]! };
  }
  const present = [...inside.matchAll(/\s([\w-]+)\s*=/g)].map((match) => match[1]!.toLowerCase());
  return { kind: 'attribute', tag, prefix: /([\w-]*)$/.exec(inside)![1]!, present };
}

/**
 * The closing tag to insert after the person typed the `>` that ends `<mj-x …>`, or
 * undefined (self-closing, already closed right after the cursor, not an MJML tag).
 */
export function closingTagFor(textBefore: string, textAfter: string): string | undefined {
  if (!textBefore.endsWith('>') || textBefore.endsWith('/>')) return undefined;
  const open = textBefore.lastIndexOf('<');
  if (open < 0) return undefined;
  const match = /^<([a-z][\w-]*)(\s[^<>]*)?>$/i.exec(textBefore.slice(open));
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  if (!isMjmlTag(name)) return undefined;
  const closing = `</${name}>`;
  return textAfter.trimStart().startsWith(closing) ? undefined : closing;
}
