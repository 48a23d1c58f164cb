import { describe, expect, it } from 'vitest';
import { acceleratorParts, matchesAccelerator } from '../../../renderer/src/ui/keys';
import { commandIds, commands, panelIds } from '../../../shared/shell/commands';
import { fileKindOf } from '../../../shared/shell/files';

/** A keydown as the browser reports it, for the shortcut matcher. */
const key = (code: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) =>
  ({ code, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta }) as Parameters<typeof matchesAccelerator>[0];

describe('the command table shared by the menu and the shortcut sheet', () => {
  it('gives no two commands the same accelerator', () => {
    const accelerators = commandIds.map((id) => commands[id].accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has a command for every tool and a label for every command', () => {
    for (const id of panelIds) expect(commands[`go.${id}`].accelerator).toBeTruthy();
    for (const id of commandIds) expect(commands[id].label.length).toBeGreaterThan(2);
  });
});

describe('shortcut matching (off macOS: Ctrl)', () => {
  it('matches by key code, with exactly the modifiers asked for', () => {
    expect(matchesAccelerator(key('KeyS', { ctrl: true }), 'CmdOrCtrl+S')).toBe(true);
    expect(matchesAccelerator(key('KeyS', { ctrl: true, shift: true }), 'CmdOrCtrl+S')).toBe(false);
    expect(matchesAccelerator(key('KeyS', { ctrl: true, shift: true }), 'CmdOrCtrl+Shift+S')).toBe(true);
    expect(matchesAccelerator(key('Digit3', { ctrl: true, alt: true }), 'CmdOrCtrl+Alt+3')).toBe(true);
    expect(matchesAccelerator(key('Comma', { ctrl: true }), 'CmdOrCtrl+,')).toBe(true);
    expect(matchesAccelerator(key('F1'), 'F1')).toBe(true);
    expect(matchesAccelerator(key('KeyS', { meta: true, ctrl: true }), 'CmdOrCtrl+S')).toBe(false);
    expect(matchesAccelerator(key('KeyS'), 'CmdOrCtrl+S')).toBe(false);
  });

  it('writes accelerators for people and for screen readers', () => {
    expect(acceleratorParts('CmdOrCtrl+Shift+S')).toEqual({ keys: ['Ctrl', 'Shift', 'S'], spoken: 'Control Shift S' });
  });
});

describe('file kinds', () => {
  it('routes templates, messages and zone files by extension, case-insensitively, and nothing else', () => {
    expect(['a.mjml', 'A.HTML', 'b.htm', '/x/y.eml', 'C:\\z\\example.com.zone', 'noext', '.mjml', 'a.mjml.txt'].map(fileKindOf)).toEqual([
      'template',
      'template',
      'template',
      'message',
      'zone',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
