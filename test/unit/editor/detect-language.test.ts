import { describe, expect, it } from 'vitest';
import { detectLanguage, nameFor } from '../../../shared/editor/language';

describe('template language from content', () => {
  it('reads MJML by its root, after a BOM, an XML declaration and comments', () => {
    expect(detectLanguage('<mjml><mj-body></mj-body></mjml>')).toBe('mjml');
    expect(detectLanguage('\uFEFF<?xml version="1.0"?>\n<!-- promo -->\n  <mjml lang="en">')).toBe('mjml');
  });

  it('reads HTML documents and the fragments emails are made of', () => {
    expect(detectLanguage('<!DOCTYPE html><html><body></body></html>')).toBe('html');
    expect(detectLanguage('<!-- x --><table role="presentation"><tr><td>Hi</td></tr></table>')).toBe('html');
  });

  it('says nothing for text that is neither, so the document keeps its mode', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('Hello there')).toBeUndefined();
    expect(detectLanguage('<!-- never closed')).toBeUndefined();
    expect(detectLanguage('<mj-section>snippet</mj-section>')).toBeUndefined();
  });

  it('names the file after what it holds', () => {
    expect(nameFor('promo.html', 'mjml')).toBe('promo.mjml');
    expect(nameFor('Untitled', 'html')).toBe('Untitled.html');
  });
});
