import data from './generated/mjml-data.json';

export interface AttributeSpec {
  /** mjml's own type string: `color`, `unit(px,%)`, `enum(left,center,right)`, `boolean`, `string`… */
  type: string;
  default?: string;
  description?: string;
}

export interface TagSpec {
  description: string;
  /** An ending tag holds HTML, not other MJML tags (mj-text, mj-button, mj-raw…). */
  endingTag: boolean;
  attributes: Record<string, AttributeSpec>;
  children: string[];
}

/** Generated from mjml's component classes, validator and READMEs by scripts/mjml-language-data.mjs. */
export const mjmlTags: Readonly<Record<string, TagSpec>> = data.tags as Record<string, TagSpec>;
export const mjmlVersion: string = data.mjmlVersion;

export const isMjmlTag = (name: string): boolean => Object.prototype.hasOwnProperty.call(mjmlTags, name);

/** The values an attribute takes, when its type lists them. */
export function enumValues(type: string): string[] {
  if (type === 'boolean') return ['true', 'false'];
  const match = /^enum\(([^)]*)\)$/.exec(type);
  return match ? match[1]!.split(',').filter(Boolean) : [];
}
