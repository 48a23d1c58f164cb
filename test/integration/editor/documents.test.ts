import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../../../electron/services/runtime';
import type { Runtime } from '../../../electron/services/runtime';
import { AppError, type InputOf, type MethodName, type OutputOf } from '../../../shared/contract/index';
import { compileMjml } from '../../../electron/services/editor/compile';
import { testRuntime } from '../../support/runtime';
import { tempDir } from '../../support/temp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A contract call that must succeed, typed by the contract. */
async function call<N extends MethodName>(rt: Runtime, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await rt.dispatcher.call(name, input);
  if (!result.ok) throw AppError.fromShape(result.error);
  return result.value as OutputOf<N>;
}

function runtime() {
  const made = testRuntime();
  cleanups.push(made.cleanup);
  return made;
}

describe('documents and recent files', () => {
  it('saves atomically, opens again with the language from the extension, and lists it as recent', async () => {
    const { rt, dir } = runtime();
    const path = join(dir, 'hello.mjml');
    const saved = await rt.dispatcher.call('documents.save', { path, source: '<mjml></mjml>' });
    expect(saved).toEqual({ ok: true, value: { path, title: 'hello.mjml', language: 'mjml', bytes: 13 } });
    expect(readFileSync(path, 'utf8')).toBe('<mjml></mjml>');
    writeFileSync(join(dir, 'page.html'), '<p>hi</p>');
    const opened = await rt.dispatcher.call('documents.open', { path: join(dir, 'page.html') });
    expect(opened).toEqual({ ok: true, value: { path: join(dir, 'page.html'), title: 'page.html', language: 'html', source: '<p>hi</p>' } });
    const recent = await call(rt, 'shell.recent.list', {});
    expect(recent.documents.map((doc) => doc.path)).toEqual([join(dir, 'page.html'), path]);
  });

  it('refuses files the editor does not own, folders that do not exist and missing files, each with a hint', async () => {
    const { rt, dir } = runtime();
    const eml = await rt.dispatcher.call('documents.save', { path: join(dir, 'x.eml'), source: 'x' });
    expect(eml).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'x.eml is not an email template.', hint: expect.stringMatching(/\.mjml/) } });
    const folder = await rt.dispatcher.call('documents.save', { path: join(dir, 'nope', 'x.mjml'), source: 'x' });
    expect(folder).toMatchObject({ ok: false, error: { code: 'not_found', file: join(dir, 'nope', 'x.mjml'), hint: expect.any(String) } });
    const missing = await rt.dispatcher.call('documents.open', { path: join(dir, 'gone.mjml') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', file: join(dir, 'gone.mjml') } });
    const relative = await rt.dispatcher.call('documents.open', { path: 'gone.mjml' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('has no native dialogs in browser mode, and says so', async () => {
    const { rt } = runtime();
    expect(await rt.dispatcher.call('documents.pickPath', { mode: 'open' })).toEqual({ ok: true, value: { status: 'unavailable' } });
  });

  it('asks the desktop shell\'s dialogs when the runtime has them (the seam electron/adapters fills)', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const asked: string[] = [];
    const rt = createRuntime({
      dataDir: dir,
      transport: 'electron',
      logError: () => {},
      dialogs: {
        pickOpenPath: async () => (asked.push('open'), join(dir, 'chosen.mjml')),
        pickSavePath: async (name) => (asked.push(`save ${name}`), undefined),
      },
    });
    cleanups.push(() => rt.close());
    expect(await call(rt, 'documents.pickPath', { mode: 'open' })).toEqual({ status: 'picked', path: join(dir, 'chosen.mjml') });
    expect(await call(rt, 'documents.pickPath', { mode: 'save', suggestedName: 'a.mjml' })).toEqual({ status: 'cancelled' });
    expect(asked).toEqual(['open', 'save a.mjml']);
  });
});

describe('drafts', () => {
  it('keep the latest buffer per document across a reopened database, newest first, until discarded', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = createRuntime({ dataDir: dir, transport: 'web', logError: () => {} });
    await first.dispatcher.call('drafts.save', { id: 'a', title: 'Untitled', language: 'mjml', source: 'v1' });
    await first.dispatcher.call('drafts.save', { id: 'a', title: 'Untitled', language: 'mjml', source: 'v2' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await first.dispatcher.call('drafts.save', { id: 'b', title: 'promo.html', language: 'html', path: join(dir, 'promo.html'), source: '<p>' });
    await first.close();

    const second = createRuntime({ dataDir: dir, transport: 'web', logError: () => {} });
    cleanups.push(() => second.close());
    const listed = await call(second, 'drafts.list', {});
    expect(listed.drafts.map(({ id, source, path }) => ({ id, source, path }))).toEqual([
      { id: 'b', source: '<p>', path: join(dir, 'promo.html') },
      { id: 'a', source: 'v2', path: undefined },
    ]);
    expect(await second.dispatcher.call('drafts.discard', { id: 'a' })).toEqual({ ok: true, value: { removed: true } });
    expect(await second.dispatcher.call('drafts.discard', { id: 'a' })).toEqual({ ok: true, value: { removed: false } });
  });
});

describe('starters', () => {
  it('ships the five starters, each valid MJML under strict validation', async () => {
    const { rt } = runtime();
    const { starters } = await call(rt, 'documents.starters', {});
    expect(starters.map((starter) => starter.id)).toEqual(['newsletter', 'receipt', 'password-reset', 'promotion', 'announcement']);
    for (const starter of starters) {
      const outcome = await compileMjml(starter.source, { validationLevel: 'strict', minify: false });
      expect(outcome.issues, starter.id).toEqual([]);
      expect(outcome.html, starter.id).toMatch(/<title>[^<]+<\/title>/);
    }
  });
});

describe('export', () => {
  const html = '<!doctype html><html><head><title>T</title><style>  p { color : red ; }  </style></head><body>\n  <!--[if mso]><table><tr><td><![endif]-->\n  <p>Hello   <a href="https://acme.example/">there</a></p>\n  <!-- build note -->\n</body></html>';

  it('minifies HTML but keeps conditional comments, and writes the file when given a path', async () => {
    const { rt, dir } = runtime();
    const path = join(dir, 'out.html');
    const result = await call(rt, 'export.html', { html, minify: true, path });
    expect(result.content.length).toBeLessThan(html.length);
    expect(result.content).toContain('<!--[if mso]><table><tr><td><![endif]-->');
    expect(result.content).not.toContain('build note');
    expect(result.content).toContain('p{color:red}');
    expect(readFileSync(path, 'utf8')).toBe(result.content);
    expect(await call(rt, 'export.html', { html })).toEqual({ content: html, bytes: Buffer.byteLength(html) });
  });

  it('builds an .eml whose text and HTML parts read back with mailparser', async () => {
    const { rt, dir } = runtime();
    const path = join(dir, 'message.eml');
    const result = await call(rt, 'export.eml', { html, text: 'Hello there\nhttps://acme.example/', subject: 'Grüße from ACME', path });
    expect(existsSync(path)).toBe(true);
    const parsed = await simpleParser(readFileSync(path));
    expect(parsed.subject).toBe('Grüße from ACME');
    expect(parsed.text?.trim()).toBe('Hello there\nhttps://acme.example/');
    expect(parsed.html).toContain('<a href="https://acme.example/">there</a>');
    expect(result.content).toMatch(/Content-Type: multipart\/alternative/);
  });

  it('refuses an export path with the wrong extension', async () => {
    const { rt, dir } = runtime();
    const result = await rt.dispatcher.call('export.eml', { html, text: 't', subject: 's', path: join(dir, 'message.txt') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/ending in \.eml/) } });
  });
});
