import { describe, expect, it } from 'vitest';
import { lint } from '../../../shared/lint/index';
import { html } from './samples';

const contrast = (body: string) => lint(html(body)).findings.filter((f) => f.rule === 'low-contrast');

describe('low-contrast by WCAG text size', () => {
  it('keeps a warning under 3:1, which no text size makes readable', () => {
    const [finding] = contrast('<p style="color:#aaaaaa;background-color:#ffffff">Light grey text on white, 2.3:1.</p>');
    expect(finding?.severity).toBe('warning');
  });

  it('makes 3:1 to 4.5:1 on normal-size text information: a brand colour that passes at large sizes', () => {
    // White on #3b82f6 is 3.68:1.
    const [finding] = contrast('<p style="color:#ffffff;background-color:#3b82f6;font-size:16px">Book your demo now</p>');
    expect(finding?.severity).toBe('info');
    expect(finding?.message).toMatch(/3\.68:1: enough for large text/);
  });

  it('counts 18.66 px bold as large text (WCAG), so 3.68:1 passes there', () => {
    expect(contrast('<p style="color:#ffffff;background-color:#3b82f6;font-size:19px;font-weight:700">Book your demo now</p>')).toEqual([]);
    expect(contrast('<h2 style="color:#ffffff;background-color:#3b82f6;font-size:19px">Book your demo now</h2>')).toEqual([]);
    expect(contrast('<p style="color:#ffffff;background-color:#3b82f6;font-size:19px">Book your demo now</p>')).toHaveLength(1);
  });
});
