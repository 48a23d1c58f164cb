import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { parseSeedCsv, seedsToCsv } from '../../../electron/services/seeds/seed-csv';

const header = 'address,provider,imap_host,imap_port,imap_tls,imap_user,imap_password_env,tags';

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('seed list CSV', () => {
  it('reads seeds, guesses providers from the domain and fills IMAP defaults', async () => {
    const seeds = await parseSeedCsv([
      header,
      'alice@gmail.com,,imap.gmail.com,,yes,,SEED_ALICE,gmail;consumer',
      'bob@outlook.com,,,,,,,',
      '"carol@custom.example",yahoo,mail.custom.example,143,no,carol,,b2b',
    ].join('\n'));
    expect(seeds).toEqual([
      { address: 'alice@gmail.com', provider: 'gmail', tags: ['gmail', 'consumer'], imap: { host: 'imap.gmail.com', port: 993, tls: true, user: 'alice@gmail.com', passwordEnv: 'SEED_ALICE' } },
      { address: 'bob@outlook.com', provider: 'microsoft', tags: [] },
      { address: 'carol@custom.example', provider: 'yahoo', tags: ['b2b'], imap: { host: 'mail.custom.example', port: 143, tls: false, user: 'carol' } },
    ]);
  });

  it('accepts a file with only the address column and a BOM', async () => {
    expect(await parseSeedCsv('\uFEFFAddress\nx@icloud.com\n\ny@unknown.example\n')).toEqual([
      { address: 'x@icloud.com', provider: 'apple', tags: [] },
      { address: 'y@unknown.example', provider: 'other', tags: [] },
    ]);
  });

  it('names the file and line of a bad address', async () => {
    const error = await errorOf(parseSeedCsv(`${header}\na@gmail.com\nnot-an-address\n`.replace(/\na@gmail.com\n/, '\na@gmail.com,,,,,,,\n').replace('not-an-address', 'not-an-address,,,,,,,'), 'team.csv'));
    expect(error.code).toBe('parse_error');
    expect(error.details).toMatchObject({ file: 'team.csv', line: 3 });
    expect(error.message).toMatch(/^team\.csv:3: address: Expected an email address/);
  });

  it.each([
    ['an unknown column', 'address,password\na@b.example,hunter2\n', /team\.csv:1: unknown column "password"/, 1],
    ['an unknown provider', 'address,provider\na@b.example,hotmial\n', /team\.csv:2: provider "hotmial" is not one of gmail/, 2],
    ['a duplicate address', 'address\na@b.example\nA@b.example\n', /team\.csv:3: A@b\.example is listed twice/, 3],
    ['a bad port', 'address,imap_host,imap_port\na@b.example,imap.b.example,99999\n', /team\.csv:2: imap_port: /, 2],
    ['an unbalanced quote', 'address\n"a@b.example\n', /team\.csv/, undefined],
  ])('refuses %s with a message that says where', async (_what, csv, message, line) => {
    const error = await errorOf(parseSeedCsv(csv, 'team.csv'));
    expect(error.message).toMatch(message);
    if (line !== undefined) expect(error.details.line).toBe(line);
    expect(error.details.hint).toBeTruthy();
  });

  it('refuses an empty list', async () => {
    expect((await errorOf(parseSeedCsv(`${header}\n`, 'empty.csv'))).message).toBe('empty.csv has no seed rows.');
  });

  it('writes back what it reads, without passwords', async () => {
    const text = [header, 'alice@gmail.com,gmail,imap.gmail.com,993,yes,alice@gmail.com,SEED_ALICE,a;b', 'bob@outlook.com,microsoft,,,,,,'].join('\n') + '\n';
    const seeds = await parseSeedCsv(text);
    expect(seedsToCsv(seeds)).toBe(text);
    expect(await parseSeedCsv(seedsToCsv(seeds))).toEqual(seeds);
  });

  it('speaks the vocabulary warm-up speaks, and takes the common spellings as aliases', async () => {
    const rows = ['Outlook', 'hotmail', 'live', 'MSN', 'microsoft', 'icloud', 'Apple', 'googlemail', 'protonmail', 'mail.ru'];
    const text = [header, ...rows.map((word, i) => `s${i}@example.org,${word},,,,,,`)].join('\n');
    expect((await parseSeedCsv(text)).map((seed) => seed.provider)).toEqual(['microsoft', 'microsoft', 'microsoft', 'microsoft', 'microsoft', 'apple', 'apple', 'gmail', 'proton', 'mailru']);
    const refused = await errorOf(parseSeedCsv(`${header}\nx@example.org,hotmial,,,,,,\n`, 'typo.csv'));
    expect(refused.message).toMatch(/provider "hotmial" is not one of gmail, microsoft, yahoo, aol, apple/);
  });
});
