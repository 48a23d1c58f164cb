import { budget, refuse } from './budget';

/** An element of a report: its local name (namespace prefix dropped), text and children in order. */
export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

export interface XmlDocument {
  root: XmlNode;
  /** What was repaired or skipped to read it, one sentence each. */
  warnings: string[];
}

const entities: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

function unescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities.get(ref.toLowerCase()) ?? whole;
  });
}

/**
 * A small, forgiving XML reader for report files. DMARC XML is data only (elements and text),
 * so it needs no DTDs or entities beyond the five predefined ones: a DOCTYPE is skipped, never
 * expanded, which rules out entity bombs and external entities. Mistakes seen in real reports
 * are repaired and named in `warnings`: bytes before the XML, a stray tag such as
 * `<email><a@b></email>`, a close tag that matches nothing, and tags left open at the end.
 * Depth and element count are budgeted.
 */
export function parseXml(file: string, text: string, maxElements: number): XmlDocument {
  const warnings: string[] = [];
  const start = text.search(/<\?xml|<([A-Za-z_][\w.-]*:)?feedback[\s>]/);
  if (start < 0) throw refuse(file, 'The file holds no DMARC aggregate report: there is no <feedback> element.', 'Check that this is an aggregate (rua) report as sent by the receiver.');
  if (text.slice(0, start).trim().length > 0) warnings.push(`Skipped ${start} characters of text before the XML.`);
  const root: XmlNode = { name: '#document', text: '', children: [] };
  const stack: XmlNode[] = [root];
  let elements = 0;
  let strays = 0;
  let at = start;
  const length = text.length;
  while (at < length) {
    const open = text.indexOf('<', at);
    const chunk = open < 0 ? text.slice(at) : text.slice(at, open);
    if (chunk.length > 0 && /\S/.test(chunk)) stack[stack.length - 1]!.text += unescape(chunk.trim());
    if (open < 0) break;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      at = close < 0 ? length : close + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open + 9);
      stack[stack.length - 1]!.text += text.slice(open + 9, close < 0 ? length : close);
      at = close < 0 ? length : close + 3;
      continue;
    }
    if (text.startsWith('<?', open) || text.startsWith('<!', open)) {
      const close = text.indexOf('>', open);
      at = close < 0 ? length : close + 1;
      continue;
    }
    const close = text.indexOf('>', open);
    if (close < 0) {
      warnings.push('The file ends inside a tag; the rest was skipped.');
      break;
    }
    at = close + 1;
    const tag = text.slice(open + 1, close);
    if (tag[0] === '/') {
      const name = localName(tag.slice(1).trim());
      let depth = stack.length - 1;
      while (depth > 0 && stack[depth]!.name !== name) depth--;
      if (depth === 0) {
        warnings.push(`Skipped a closing tag </${name.slice(0, 40)}> that matches no open element.`);
        continue;
      }
      if (depth < stack.length - 1) strays += stack.length - 1 - depth;
      stack.length = depth;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const name = localName((selfClosing ? tag.slice(0, -1) : tag).trim().split(/[\s]/, 1)[0] ?? '');
    if (!name) continue;
    if (++elements > maxElements) {
      throw refuse(file, `The XML has more than ${maxElements.toLocaleString('en-US')} elements, beyond what ${budget.records.toLocaleString('en-US')} records need.`, 'Split the report, or check that it is a DMARC report.');
    }
    const node: XmlNode = { name, text: '', children: [] };
    stack[stack.length - 1]!.children.push(node);
    if (selfClosing) continue;
    if (stack.length > budget.xmlDepth) {
      throw refuse(file, `The XML nests deeper than ${budget.xmlDepth} elements; a DMARC report needs 5.`, 'Check that the file is a DMARC aggregate report.');
    }
    stack.push(node);
  }
  if (strays > 0) warnings.push(`Closed ${strays} element${strays === 1 ? ' that was' : 's that were'} never closed (such as <email><a@b></email>); their text was kept where it was.`);
  if (stack.length > 1) warnings.push(`The XML ends with ${stack.length - 1} element${stack.length === 2 ? '' : 's'} left open (<${stack.slice(1).map((n) => n.name).join('>, <')}>); they were closed.`);
  return { root, warnings };
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return (colon < 0 ? qualified : qualified.slice(colon + 1)).toLowerCase();
}

/** The first child of that name, or undefined. */
export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);
/** Every child of that name. */
export const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];
/** Text of the child at that path, trimmed ('' when absent). */
export function textAt(node: XmlNode | undefined, ...path: string[]): string {
  let at = node;
  for (const name of path) at = child(at, name);
  return at?.text.trim() ?? '';
}
