import fc from 'fast-check';
import { parseSeedCsv, SEED_CSV_COLUMNS } from '../../../electron/services/seeds/seed-csv';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const sample = `address,provider,imap_host,imap_port,imap_tls,imap_user,imap_password_env,tags
seed1@gmail.com,gmail,imap.gmail.com,993,true,seed1@gmail.com,SEED1_PASSWORD,consumer;us
"seed2@outlook.com",outlook,outlook.office365.com,993,true,seed2@outlook.com,SEED2_PASSWORD,"consumer;eu"
seed3@example.org,,,,,,,
`;

const field = fc.oneof(fc.string({ maxLength: 30 }), fc.emailAddress(), fc.constantFrom('', 'true', 'false', '993', '0', '70000', '-1', 'gmail', 'yahoo', 'nope', 'a;b;;c', '"', '""', '"a,b"', '\r', '\n'));
const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const structured = fc
  .tuple(fc.shuffledSubarray([...SEED_CSV_COLUMNS, 'password', 'Address', 'IMAP Host'], { minLength: 1 }), fc.array(fc.array(field, { maxLength: 9 }), { maxLength: 12 }), fc.boolean())
  .map(([header, rows, raw]) => [header.join(','), ...rows.map((row) => row.map(raw ? (value) => value : quote).join(','))].join('\n'));

/** Seed list CSV imports (seeds.importCsv); no MX lookups, so nothing leaves the machine. */
export const seedCsvTarget: FuzzTarget = {
  name: 'seed-csv',
  summary: 'seed list CSV imports (electron/services/seeds/seed-csv.ts)',
  input: fc.oneof({ weight: 4, arbitrary: structured }, { weight: 3, arbitrary: mutated([sample]) }, { weight: 1, arbitrary: anyText }),
  runs: 25_000,
  run: (text) => parseSeedCsv(text, 'fuzz.csv'),
};
