import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../shared/lint/html/parse';
import { detectFeatures } from '../../../shared/lint/rules/compatibility/detect';

// Tag names, input types, attribute names and image extensions come from the template: looked up in plain objects,
// `type="constructor"` found Object's constructor and the input was not counted at all.
describe('feature detection looks template-given names up as data, never as object properties', () => {
  it('counts an input whose type names an Object property as a text input, like any unknown type', () => {
    const usages = detectFeatures(parseHtml('<body><input type="constructor"><input type="__proto__"><input type="bogus"></body>'));
    expect(usages.get('html-input-text')?.count).toBe(3);
    expect([...usages.keys()]).toEqual(['html-input-text']);
  });

  it('finds no feature for a tag, attribute or image extension named like an Object property', () => {
    const usages = detectFeatures(parseHtml('<body><constructor tostring="1"><img src="a.constructor" constructor="x"></constructor></body>'));
    expect([...usages.keys()]).toEqual([]);
  });
});
