import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../electron/services/runtime';
import { filesInArgv } from '../../../electron/services/shell/launch-args';
import { openIntoInbox } from '../../../electron/services/shell/inbox';
import { fileKinds } from '../../../shared/shell/files';
import { testRuntime } from '../../support/runtime';

let rt: Runtime;
let dir: string;
let cleanup: () => Promise<void>;
let events: { name: string; payload: unknown }[];
beforeEach(() => {
  ({ rt, dir, cleanup } = testRuntime());
  events = [];
  rt.dispatcher.subscribe((name, payload) => events.push({ name, payload }));
  mkdirSync(join(dir, 'docs'));
});
afterEach(() => cleanup());

const file = (name: string, content = 'x') => {
  const path = join(dir, 'docs', name);
  writeFileSync(path, content);
  return path;
};

describe('preferences', () => {
  it('start at the system theme, not yet welcomed, and keep changes in the data folder', async () => {
    expect(await rt.dispatcher.call('shell.preferences.get', {})).toEqual({ ok: true, value: { theme: 'system', welcomed: false } });
    expect(await rt.dispatcher.call('shell.preferences.set', { theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark', welcomed: false } });
    expect(await rt.dispatcher.call('shell.preferences.set', { welcomed: true })).toEqual({ ok: true, value: { theme: 'dark', welcomed: true } });
    expect(events).toContainEqual({ name: 'shell.preferencesChanged', payload: { theme: 'dark', welcomed: true } });
    expect(await rt.dispatcher.call('shell.preferences.set', { theme: 'sepia' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('recent documents', () => {
  it('keeps the newest first, without duplicates, and forgets files that are gone', async () => {
    const a = file('a.mjml');
    const b = file('b.eml');
    await rt.dispatcher.call('shell.recent.add', { path: a });
    await rt.dispatcher.call('shell.recent.add', { path: b });
    const listed = await rt.dispatcher.call('shell.recent.add', { path: a });
    expect(listed).toEqual({ ok: true, value: { documents: [{ path: a, name: 'a.mjml', kind: 'template' }, { path: b, name: 'b.eml', kind: 'message' }] } });
    expect(events.filter((event) => event.name === 'shell.recentChanged')).toHaveLength(3);
    expect(await rt.dispatcher.call('shell.recent.clear', {})).toEqual({ ok: true, value: { documents: [] } });
  });

  it('refuses relative paths, kinds Mailbench does not open and missing files, saying what to do', async () => {
    for (const [path, code] of [
      ['docs/a.mjml', 'invalid_input'],
      [join(dir, 'docs', 'notes.txt'), 'invalid_input'],
      [join(dir, 'docs', 'missing.mjml'), 'not_found'],
      [`${join(dir, 'docs', 'a')}\u0000.mjml`, 'invalid_input'],
    ] as const) {
      const result = await rt.dispatcher.call('shell.recent.add', { path });
      expect(result, path).toMatchObject({ ok: false, error: { code, hint: expect.any(String) } });
    }
  });
});

describe('files the desktop shell opens', () => {
  it('wait in the inbox until the UI takes them, once, and are remembered as recent', async () => {
    const zone = file('example.com.zone', '$ORIGIN example.com.\n@ IN A 192.0.2.1\n');
    await openIntoInbox(rt, zone);
    expect(events).toContainEqual({ name: 'shell.filesWaiting', payload: { count: 1 } });
    const taken = await rt.dispatcher.call('shell.files.take', {});
    expect(taken).toEqual({ ok: true, value: { files: [{ path: zone, name: 'example.com.zone', kind: 'zone', content: '$ORIGIN example.com.\n@ IN A 192.0.2.1\n' }] } });
    expect(await rt.dispatcher.call('shell.files.take', {})).toEqual({ ok: true, value: { files: [] } });
    expect(await rt.dispatcher.call('shell.recent.list', {})).toMatchObject({ ok: true, value: { documents: [{ path: zone, kind: 'zone' }] } });
  });

  it('refuse folders, files over their kind\'s size limit and files that vanished', async () => {
    mkdirSync(join(dir, 'docs', 'folder.mjml'));
    await expect(openIntoInbox(rt, join(dir, 'docs', 'folder.mjml'))).rejects.toMatchObject({ code: 'not_found', message: 'Cannot read folder.mjml: no such file, or not a regular file you may read.' });
    const big = file('big.html', 'x'.repeat(fileKinds.template.maxBytes + 1));
    await expect(openIntoInbox(rt, big)).rejects.toMatchObject({ code: 'invalid_input', message: 'big.html is 6 MB, over the 5 MB limit for an email template.' });
    await expect(openIntoInbox(rt, join(dir, 'docs', 'gone.eml'))).rejects.toMatchObject({ code: 'not_found' });
    expect(await rt.dispatcher.call('shell.files.take', {})).toEqual({ ok: true, value: { files: [] } });
  });
});

describe('the command line of a launch', () => {
  it('yields the files Mailbench opens, resolved against the launch folder, skipping flags and the executable', () => {
    const a = file('a.mjml');
    file('b.eml');
    const argv = ['/opt/Mailbench/mailbench-desktop', '--no-sandbox', '.', 'a.mjml', join(dir, 'docs', 'b.eml'), 'missing.eml', 'notes.txt', '--flag=x.mjml'];
    expect(filesInArgv(argv, join(dir, 'docs'))).toEqual([a, join(dir, 'docs', 'b.eml')]);
  });
});
