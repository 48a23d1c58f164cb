import { describe, expect, it } from 'vitest';
import { applyClient, clientIds, MAX_PREVIEW_BYTES } from '../../../shared/clients/index';
import { flexDarkTemplate } from './sample';

const lineOf = (needle: string) => flexDarkTemplate.split('\n').findIndex((line) => line.includes(needle)) + 1;
const summaries = (changes: ReadonlyArray<{ line: number; summary: string }>) => changes.map((c) => `${c.line} ${c.summary}`);

describe('applyClient: what each client does to an email, from the caniemail data', () => {
  it('Gmail web drops the dark-mode media query and flex-direction, keeps display:flex, each change with its line', () => {
    const gmail = applyClient(flexDarkTemplate, 'gmail-web');
    expect(gmail.html).not.toContain('prefers-color-scheme');
    expect(gmail.html).toContain('display:flex');
    expect(gmail.html).not.toMatch(/flex-direction/);
    expect(summaries(gmail.changes)).toEqual(
      expect.arrayContaining([
        `${lineOf('@media (prefers-color-scheme')} @media (prefers-color-scheme: dark) { … } removed (@media (prefers-color-scheme))`,
        `${lineOf('.row {')} flex-direction: row removed from .row (flex-direction:column)`,
        `${lineOf('<div class="row"')} flex-direction: row removed from <div> (flex-direction:column)`,
      ]),
    );
    expect(gmail.fidelity.level).toBe('medium');
  });

  it('Outlook for Windows drops flexbox, :hover and every @media, and shows its conditional ghost table', () => {
    const outlook = applyClient(flexDarkTemplate, 'outlook-windows');
    expect(outlook.html).not.toMatch(/display:\s*flex|a:hover|@media/);
    expect(outlook.html).toContain('<table role="presentation" width="600"><tr><td>\n<div class="card"');
    expect(outlook.changes.filter((c) => c.kind === 'mso-conditional').map((c) => c.line)).toEqual([lineOf('<!--[if mso]><table'), lineOf('<!--[if mso]></td>')]);
    expect(outlook.changes.find((c) => c.feature === 'css-pseudo-class-hover')).toMatchObject({ kind: 'css-rule', line: lineOf('a:hover') });
    expect(outlook.changes.filter((c) => c.feature === 'css-display-flex').map((c) => c.line)).toEqual([lineOf('.row {'), lineOf('<div class="row"')]);
    expect(outlook.fidelity.level).toBe('low');
  });

  it('lists a rule inside a removed block once: the block, not its rules', () => {
    const outlook = applyClient(flexDarkTemplate, 'outlook-windows');
    expect(outlook.changes.filter((c) => c.line === lineOf('@media (prefers-color-scheme'))).toHaveLength(1);
  });

  it('Apple Mail changes nothing in light mode, and in dark mode applies the email\'s own dark rules', () => {
    const light = applyClient(flexDarkTemplate, 'apple-mail');
    expect(light.html).toBe(flexDarkTemplate);
    expect(light.changes).toEqual([]);
    const dark = applyClient(flexDarkTemplate, 'apple-mail', { dark: true });
    expect(dark.html).toContain('@media (min-width:0px) { .card { background-color: #111827');
    expect(dark.html).toContain('background-color:#ffffff');
  });

  it('the Gmail app in dark mode inverts partly: light backgrounds darken, dark text lightens, the dark rules never apply', () => {
    const dark = applyClient(flexDarkTemplate, 'gmail-app', { dark: true });
    expect(dark.html).not.toContain('background-color:#ffffff');
    expect(dark.html).not.toContain('prefers-color-scheme');
    const card = dark.changes.filter((c) => c.kind === 'dark-mode' && c.line === lineOf('<div class="card"'));
    expect(card.map((c) => c.summary)).toEqual([expect.stringMatching(/^background-color: #ffffff shown as #1\w{5} on <div>$/), expect.stringMatching(/^color: #111827 shown as #\w{6} on <div>$/)]);
    // Light text on a dark button stays as it is.
    const button = applyClient('<html><head></head><body><p style="background-color:#111111;color:#ffffff">Go</p></body></html>', 'gmail-app', { dark: true });
    expect(button.html).toContain('background-color:#111111;color:#ffffff');
  });

  it('replaces elements a client does not support with their fallback, and drops <style> in the body where Gmail does', () => {
    const html = '<html><head><style>p{color:#222}</style></head><body><video src="a.mp4"><img src="poster.png" alt="Watch"></video><style>p{color:red}</style></body></html>';
    const gmail = applyClient(html, 'gmail-web');
    expect(gmail.html).toBe('<html><head><style>p{color:#222}</style></head><body><img src="poster.png" alt="Watch"></body></html>');
    expect(gmail.changes.map((c) => c.kind).sort()).toEqual(['element', 'style-block']);
    // A <video> left open to the end keeps all of its fallback, up to the end, not up to the last closing tag inside it.
    expect(applyClient('<video><img src="p.png" alt="P"><p>After</p>', 'gmail-web').html).toBe('<img src="p.png" alt="P"><p>After</p>');
  });

  it('knows seven clients, each with a variant and a fidelity note, and refuses input over its budget', () => {
    expect(clientIds).toEqual(['gmail-web', 'gmail-app', 'outlook-windows', 'outlook-new', 'outlook-web', 'apple-mail', 'yahoo']);
    for (const id of clientIds) {
      const preview = applyClient(flexDarkTemplate, id);
      expect(preview.variant.length).toBeGreaterThan(10);
      expect(preview.fidelity.note.length).toBeGreaterThan(10);
    }
    expect(() => applyClient('x'.repeat(MAX_PREVIEW_BYTES + 1), 'gmail-web')).toThrow(/handles up to 2 MB/);
  });
});
