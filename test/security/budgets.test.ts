import { appendFileSync, closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInput } from '../../electron/fs/open-input';
import { readTarget } from '../../electron/services/lint/inputs';
import { MAX_EVENT_ID } from '../../electron/services/warmup/import';
import { MAX_RECORD_CHARS, readRecords, type RecordItem } from '../../electron/services/warmup/reader';
import type { ImportSummary, Plan, Weekday } from '../../shared/contract/warmup';
import { LINT_BUDGET, lint } from '../../shared/lint/index';
import { fileKinds } from '../../shared/shell/files';
import { testRuntime } from '../support/runtime';

/**
 * Every budget in the README's "Budgets" table, refused with an error that names the limit and
 * what to do. Oversized files are sparse (a size, no data), so each test also shows the refusal
 * comes from the size before any byte is read.
 */
let env: ReturnType<typeof testRuntime>;
let planId: number;

beforeAll(async () => {
  env = testRuntime();
  const created = await env.rt.dispatcher.call('warmup.create', { spec: {
    name: 'budgets', ips: ['192.0.2.10'], domain: 'mail.example.com', startDate: '2026-03-02', timeZone: 'UTC',
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[], target: 10_000, mix: { gmail: 50, microsoft: 20, yahoo: 15, apple: 5, other: 10 },
    profile: 'moderate', auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
  } });
  if (!created.ok) throw new Error(created.error.message);
  planId = (created.value as Plan).id;
});
afterAll(() => env.cleanup());

function sparse(name: string, bytes: number): string {
  const path = join(env.dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe('input file sizes', () => {
  it(`a template over ${fileKinds.template.maxBytes / 2 ** 20} MB is refused by documents.open`, async () => {
    const result = await env.rt.dispatcher.call('documents.open', { path: sparse('huge.mjml', fileKinds.template.maxBytes + 1) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'huge.mjml is 6 MB, over the 5 MB limit for an email template.', hint: expect.stringMatching(/split or trim/) } });
  });

  it(`an .eml over ${fileKinds.message.maxBytes / 2 ** 20} MB is refused by the CLI's lint and spamcheck reader`, async () => {
    const path = sparse('huge.eml', 50 * 2 ** 20);
    expect(await readTarget(path, env.dir)).toEqual({ ok: false, reason: 'huge.eml is 50 MB, over the 25 MB limit for an email message' });
  });

  it('a file that grows past its budget after the size check stops being read at the budget', async () => {
    const path = join(env.dir, 'growing.html');
    writeFileSync(path, '<p>small</p>');
    const input = await openInput(path, 'template');
    try {
      appendFileSync(path, Buffer.alloc(fileKinds.template.maxBytes));
      await expect(input.readAll()).rejects.toMatchObject({ code: 'invalid_input', message: 'growing.html grew past the 5 MB limit for an email template while it was read.' });
    } finally {
      await input.close();
    }
  });

  it('an ESP export over 2048 MB is refused by warmup.import before the import starts', async () => {
    const result = await env.rt.dispatcher.call('warmup.import', { planId, format: 'ses', path: sparse('huge.ndjson', 2048 * 2 ** 20 + 1) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'huge.ndjson is 2049 MB, over the 2048 MB limit for an ESP event export.' } });
    expect(env.rt.db.prepare('SELECT count(*) AS n FROM warmup_imports').get()).toEqual({ n: 0 });
  });
});

/** Feeds text in 1 MB chunks, as the import streams a file. */
async function read(text: string): Promise<RecordItem[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += 2 ** 20) yield text.slice(i, i + 2 ** 20);
  }
  const out: RecordItem[] = [];
  for await (const batch of readRecords(chunks())) out.push(...batch);
  return out;
}

describe(`one record of an ESP export is at most ${MAX_RECORD_CHARS / 2 ** 20} MB`, () => {
  const long = 'x'.repeat(MAX_RECORD_CHARS + 10);
  const refusal = (line: number) => ({
    code: 'parse_error',
    message: `The record starting on line ${line} is longer than 1 MB, the limit for one event; nothing was imported.`,
    details: { line, hint: expect.stringMatching(/split the over-long line or remove it/) },
  });

  it('a file with no newline at all is refused at line 1, not held whole', async () => {
    await expect(read(`{"a":"${'x'.repeat(3 * MAX_RECORD_CHARS)}`)).rejects.toMatchObject(refusal(1));
  });

  it('an over-long JSON line after good ones is refused by its line number', async () => {
    await expect(read(`{"a":1}\n{"a":2}\n{"a":"${long}"}\n`)).rejects.toMatchObject(refusal(3));
  });

  it('an over-long pretty-printed record is refused by the line it starts on', async () => {
    await expect(read(`[\n  {\n    "a": 1\n  },\n  {\n    "a": "${long}"\n  }\n]`)).rejects.toMatchObject(refusal(5));
  });

  it('an over-long CSV row is refused', async () => {
    await expect(read(`event,email\ndelivered,"${long}"\n`)).rejects.toMatchObject({ code: 'parse_error', message: expect.stringMatching(/longer than 1 MB/) });
  });

  it('warmup.import refuses the whole export over it and imports nothing (the import is one transaction)', async () => {
    const before = env.rt.db.prepare('SELECT count(*) AS n FROM warmup_events').get();
    const good = JSON.stringify({ event: 'delivered', email: 'a@gmail.com', timestamp: 1772409600, sg_event_id: 'before-long', sg_message_id: 'm1' });
    const result = await env.rt.dispatcher.call('warmup.import', { planId, format: 'sendgrid', text: `${good}\n{"a":"${long}"}\n`, fileName: 'events.ndjson' });
    expect(result).toMatchObject({ ok: false, error: { code: 'parse_error', line: 2, message: expect.stringMatching(/longer than 1 MB/) } });
    expect(env.rt.db.prepare('SELECT count(*) AS n FROM warmup_events').get()).toEqual(before);
  });

  it('a record just under the budget is read', async () => {
    const items = await read(`{"a":"${'x'.repeat(MAX_RECORD_CHARS - 100)}"}\n{"a":2}\n`);
    expect(items.map((item) => item.line)).toEqual([1, 2]);
  });
});

describe(`event ids are at most ${MAX_EVENT_ID} characters`, () => {
  it('an event with a longer id is skipped with that reason and not stored; the others import', async () => {
    const event = (id: string) => JSON.stringify({ event: 'delivered', email: 'a@gmail.com', timestamp: 1772409600, sg_event_id: id, sg_message_id: 'm1' });
    const text = [event('ok-1'), event('y'.repeat(MAX_EVENT_ID + 1)), event('z'.repeat(MAX_EVENT_ID))].join('\n');
    const result = await env.rt.dispatcher.call('warmup.import', { planId, format: 'sendgrid', text, fileName: 'events.ndjson' });
    expect(result.ok).toBe(true);
    const summary = (result as { value: ImportSummary }).value;
    expect(summary).toMatchObject({ read: 3, imported: 2, skipped: 1, skippedReasons: [{ reason: `event id longer than ${MAX_EVENT_ID} characters`, count: 1, lines: [2] }] });
    const longest = env.rt.db.prepare('SELECT max(length(event_id)) AS n FROM warmup_events').get() as { n: number };
    expect(longest.n).toBeLessThanOrEqual(MAX_EVENT_ID + 'sg:'.length);
  });
});

describe('lint budget', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

  it(`stops at ${LINT_BUDGET.elements.toLocaleString('en-US')} elements, says so, and does not check past it`, () => {
    const result = lint({ kind: 'html', source: page(`<script>early()</script>${'<p>x</p>'.repeat(LINT_BUDGET.elements)}<iframe src="https://example.com/late"></iframe>`) });
    expect(result.findings.find((f) => f.rule === 'lint-budget')).toMatchObject({ severity: 'warning', message: 'Lint stopped at 10,000 elements: the rest of the document was not checked.' });
    const stripped = result.findings.filter((f) => f.rule === 'forbidden-element');
    expect(stripped).toHaveLength(1);
    expect(stripped[0]!.range?.startColumn).toBe(page('').indexOf('<body>') + '<body>'.length + 1);
  });

  it(`stops at ${LINT_BUDGET.chars / 2 ** 20} MB of HTML`, () => {
    const result = lint({ kind: 'html', source: page(`<p>${'word '.repeat(LINT_BUDGET.chars / 4)}</p>`) });
    expect(result.findings.find((f) => f.rule === 'lint-budget')?.message).toBe('Lint stopped at 2 MB of HTML: the rest of the document was not checked.');
  });

  it('says nothing on a document within the budget', () => {
    expect(lint({ kind: 'html', source: page('<p>x</p>'.repeat(100)) }).findings.map((f) => f.rule)).not.toContain('lint-budget');
  });
});
