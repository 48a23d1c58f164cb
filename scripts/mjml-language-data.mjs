// Generates renderer/src/editor/generated/mjml-data.json: every mj-* tag, its attributes
// (type from the component's allowedAttributes, default from defaultAttributes), the
// children the validator allows, and hover text from each package's README. Run by
// `npm run build:ui`; test/unit/editor checks the committed file matches this output.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outputFile = join(root, 'renderer/src/editor/generated/mjml-data.json');

/** Tags the parser handles itself (no component class) but people type and want help with. */
const STRUCTURAL = {
  mjml: { description: 'The root of every MJML document: one mj-head (optional) and one mj-body.', children: ['mj-head', 'mj-body'] },
  'mj-all': { description: 'Inside mj-attributes: default attributes for every MJML tag.', children: [] },
  'mj-class': { description: 'Inside mj-attributes: a named set of attributes, applied with mj-class="name".', children: [] },
  'mj-include': { description: 'Includes another MJML, HTML or CSS file (off by default in mjml 5 for safety).', children: [] },
};
const GLOBAL_ATTRIBUTES = {
  'mj-class': { type: 'string', description: 'Space-separated names of mj-class sets from mj-attributes.' },
  'css-class': { type: 'string', description: 'Class names added to the generated HTML, for rules in mj-style.' },
};

function stripMarkup(text) {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits every mjml-* README into sections per `### mj-x` / `#### mj-x` heading. */
function readmeSections() {
  const sections = new Map();
  const modules = join(root, 'node_modules');
  for (const name of readdirSync(modules).filter((entry) => entry.startsWith('mjml-')).sort()) {
    let text;
    try {
      text = readFileSync(join(modules, name, 'README.md'), 'utf8');
    } catch {
      continue;
    }
    let current;
    for (const line of text.split('\n')) {
      const heading = /^#{2,4}\s+(mj-[a-z-]+)\s*$/.exec(line);
      if (heading) {
        current = { lines: [] };
        if (!sections.has(heading[1])) sections.set(heading[1], current);
        continue;
      }
      if (/^#{2,4}\s+(?!Attributes)/.test(line) && current && !/^#{4}\s+Attributes/.test(line)) {
        current = undefined;
        continue;
      }
      current?.lines.push(line);
    }
  }
  const parsed = new Map();
  for (const [tag, { lines }] of sections) {
    const paragraph = [];
    for (const line of lines) {
      if (paragraph.length > 0 && line.trim() === '') break;
      if (/^\s*(<|```|\||#)/.test(line)) {
        if (paragraph.length > 0) break;
        continue;
      }
      if (line.trim()) paragraph.push(line);
    }
    const attributes = {};
    for (const line of lines) {
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      if (cells.length < 4 || cells[0] === 'attribute' || /^-+$/.test(cells[0])) continue;
      attributes[stripMarkup(cells[0])] = { description: stripMarkup(cells[2]) };
    }
    parsed.set(tag, { description: stripMarkup(paragraph.join(' ')), attributes });
  }
  return parsed;
}

export function generate() {
  const core = require('mjml-core');
  require('mjml'); // registers mjml-preset-core's components and the validator's dependencies
  const { dependencies } = require('mjml-validator');
  const docs = readmeSections();
  const tags = {};
  for (const [tag, spec] of Object.entries(STRUCTURAL)) tags[tag] = { description: spec.description, endingTag: false, attributes: {}, children: spec.children };
  for (const [tag, Component] of Object.entries(core.components).sort(([a], [b]) => a.localeCompare(b))) {
    const doc = docs.get(tag);
    const attributes = {};
    for (const [name, type] of Object.entries({ ...(Component.allowedAttributes ?? {}) }).sort(([a], [b]) => a.localeCompare(b))) {
      const fallback = Component.defaultAttributes?.[name];
      attributes[name] = {
        type,
        ...(fallback === undefined ? {} : { default: String(fallback) }),
        ...(doc?.attributes[name]?.description ? { description: doc.attributes[name].description } : {}),
      };
    }
    for (const [name, spec] of Object.entries(GLOBAL_ATTRIBUTES)) attributes[name] ??= spec;
    tags[tag] = {
      description: doc?.description || `${tag} (no description in its README).`,
      endingTag: Boolean(Component.endingTag),
      attributes,
      children: [...(dependencies[tag] ?? [])].filter((child) => typeof child === 'string').sort(),
    };
  }
  tags['mj-head'].children = [...new Set([...tags['mj-head'].children, 'mj-include'])].sort();
  tags['mj-attributes'].children = [...new Set([...tags['mj-attributes'].children, 'mj-all', 'mj-class'])].sort();
  return { mjmlVersion: require('mjml/package.json').version, tags };
}

export const render = () => `${JSON.stringify(generate(), null, 1)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(outputFile, render());
  console.log(`mjml language data: ${Object.keys(generate().tags).length} tags → ${outputFile}`);
}
