import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { lint } from '../../../shared/lint/index';
import { loadLintConfig } from '../../../electron/services/lint/config';
import { tempDir } from '../../support/temp';
import { html, htmlDoc } from './samples';

const rules = (source: string, config = {}) => lint({ kind: 'html', source }, { config }).findings.map((f) => `${f.rule}:${f.severity}`);

describe('rule control', () => {
  const body = '<p><a href="http://example.com/a">Report</a></p><img src="https://example.com/a.png" width="10">';

  it('turns rules off or changes severity by id, prefix and family; the most specific key wins', () => {
    const source = htmlDoc(body);
    expect(rules(source)).toEqual(expect.arrayContaining(['http-link:warning', 'img-alt:error']));
    expect(rules(source, { rules: { 'http-link': 'off', 'img-alt': 'info' } })).toEqual(expect.arrayContaining(['img-alt:info']));
    expect(rules(source, { rules: { 'http-link': 'off' } }).some((r) => r.startsWith('http-link'))).toBe(false);
    const familyOff = rules(source, { rules: { accessibility: 'off', 'img-alt': 'warning' } });
    expect(familyOff).toContain('img-alt:warning');
    expect(familyOff.some((r) => r.startsWith('html-lang') || r.startsWith('low-contrast'))).toBe(false);
    expect(rules(htmlDoc('<div style="display:flex">A</div>'), { rules: { 'caniemail/*': 'off' } }).some((r) => r.startsWith('caniemail/'))).toBe(false);
  });

  it('honours inline disable comments: next line, a block, and re-enabling', () => {
    const nextLine = htmlDoc(`<!-- mailbench-disable-next-line http-link -->\n${body}`);
    expect(rules(nextLine).some((r) => r.startsWith('http-link'))).toBe(false);
    expect(rules(nextLine)).toContain('img-alt:error');
    const block = htmlDoc(`<!-- mailbench-disable links, img-alt -->\n${body}\n<!-- mailbench-enable -->\n<p><a href="http://example.com/b">Again</a></p>`);
    const found = lint({ kind: 'html', source: block }).findings.filter((f) => f.rule === 'http-link');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('example.com/b');
    expect(rules(block).some((r) => r.startsWith('img-alt'))).toBe(false);
    // Everything from the comment on is off; the missing doctype is reported on line 1, before it.
    const all = htmlDoc(`<!-- mailbench-disable -->\n${body}`, { doctype: false });
    expect(rules(all)).toEqual(['doctype:warning']);
  });

  it('reads mailbench.config.json and refuses a bad one with the file and what is wrong', () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(loadLintConfig(dir)).toEqual({ config: {} });
      writeFileSync(join(dir, 'mailbench.config.json'), JSON.stringify({ clients: ['gmail.ios'], rules: { 'img-alt': 'off' } }));
      expect(loadLintConfig(dir).config).toEqual({ clients: ['gmail.ios'], rules: { 'img-alt': 'off' } });
      writeFileSync(join(dir, 'mailbench.config.json'), '{ "rules": { "img-alt": "loud" } }');
      const bad = (() => {
        try {
          loadLintConfig(dir);
        } catch (error) {
          return error as AppError;
        }
      })();
      expect(bad).toBeInstanceOf(AppError);
      expect(bad!.details.file).toBe(join(dir, 'mailbench.config.json'));
      expect(bad!.details.issues?.[0]?.path).toBe('rules.img-alt');
      writeFileSync(join(dir, 'mailbench.config.json'), '{\n  "rules": {\n    "img-alt": "off",\n  }\n}');
      expect(() => loadLintConfig(dir)).toThrow(/not valid JSON/);
      writeFileSync(join(dir, 'mailbench.config.json'), '{ "clients": ["hotmail.classic"] }');
      expect(() => loadLintConfig(dir)).toThrow(/Unknown email client "hotmail.classic"/);
      mkdirSync(join(dir, 'sub'));
      expect(() => loadLintConfig(dir, 'sub/missing.json')).toThrow(/does not exist/);
    } finally {
      cleanup();
    }
  });

  it('keeps the clean sample clean when the config changes nothing', () => {
    expect(lint(html(), { config: {} }).findings).toEqual(lint(html()).findings);
  });
});
