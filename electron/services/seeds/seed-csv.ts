import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../../shared/contract/errors';
import { neutralizingCast, restoreCsvCell } from '../../fs/csv-cell';
import { Provider, ProviderName, Seed } from '../../../shared/contract/seeds';
import { domainOf, guessProvider, type MxLookup } from './providers';

export const SEED_CSV_COLUMNS = ['address', 'provider', 'imap_host', 'imap_port', 'imap_tls', 'imap_user', 'imap_password_env', 'tags'] as const;
type Column = (typeof SEED_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

const HINT = `The first line names the columns: ${SEED_CSV_COLUMNS.join(', ')} (only address is required; tags are separated by ";"). Passwords never go in the file: use imap_password_env to name an environment variable.`;

/**
 * Reads a seed list CSV. Every problem names the file and line; a missing provider
 * is guessed from the domain (and MX, when a resolver is given).
 */
export async function parseSeedCsv(text: string, file = 'seeds.csv', resolveMx?: MxLookup): Promise<Seed[]> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, columns: (header: string[]) => header.map(normalizeHeader(file)), skip_empty_lines: true, trim: true, info: true, relax_quotes: false, cast: restoreCsvCell });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const line = (error as { lines?: number }).lines;
    throw new AppError('parse_error', `${file}${line ? `:${line}` : ''}: ${(error as Error).message}`, { file, ...(line ? { line } : {}), hint: HINT });
  }
  // One MX lookup per distinct unknown domain, all at once, so a long list imports in one DNS round trip.
  const guesses = new Map<string, Promise<Provider>>();
  const guess = (address: string) => {
    const domain = domainOf(address);
    if (!guesses.has(domain)) guesses.set(domain, guessProvider(address, resolveMx));
    return guesses.get(domain)!;
  };
  const pending = records.map(({ record, info }) => seedFromRow(record as Row, file, info.lines, guess));
  const seen = new Set<string>();
  const seeds: Seed[] = [];
  for (const [index, seed] of (await Promise.all(pending)).entries()) {
    const line = records[index]!.info.lines;
    const key = seed.address.toLowerCase();
    if (seen.has(key)) throw new AppError('parse_error', `${file}:${line}: ${seed.address} is listed twice.`, { file, line, hint: 'Keep one row per seed address.' });
    seen.add(key);
    seeds.push(seed);
  }
  if (seeds.length === 0) throw new AppError('parse_error', `${file} has no seed rows.`, { file, hint: HINT });
  return seeds;
}

function normalizeHeader(file: string) {
  return (name: string): string => {
    const column = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!(SEED_CSV_COLUMNS as readonly string[]).includes(column)) {
      throw new AppError('parse_error', `${file}:1: unknown column ${JSON.stringify(name)}.`, { file, line: 1, hint: HINT });
    }
    return column;
  };
}

async function seedFromRow(row: Row, file: string, line: number, guess: (address: string) => Promise<Provider>): Promise<Seed> {
  const fail = (message: string): never => {
    throw new AppError('parse_error', `${file}:${line}: ${message}`, { file, line, hint: HINT });
  };
  const address = row.address ?? '';
  const provider = row.provider ? Provider.safeParse(row.provider) : undefined;
  if (provider && !provider.success) fail(`provider ${JSON.stringify(row.provider)} is not one of ${ProviderName.options.join(', ')} (aliases such as outlook or hotmail are taken too).`);
  const candidate = {
    address,
    provider: provider?.data ?? (await guess(address)),
    tags: (row.tags ?? '').split(';').map((tag) => tag.trim()).filter(Boolean),
    ...(row.imap_host
      ? {
          imap: {
            host: row.imap_host,
            port: row.imap_port ? Number(row.imap_port) : row.imap_tls === 'no' || row.imap_tls === 'false' ? 143 : 993,
            tls: !/^(no|false|0|starttls)$/i.test(row.imap_tls ?? 'yes'),
            user: row.imap_user || address,
            ...(row.imap_password_env ? { passwordEnv: row.imap_password_env } : {}),
          },
        }
      : {}),
  };
  const parsed = Seed.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const column = issue.path[0] === 'imap' ? `imap_${String(issue.path[1] ?? 'host')}` : String(issue.path[0]);
    fail(`${column}: ${issue.message} (got ${JSON.stringify(String(valueAt(candidate, issue.path) ?? ''))}).`);
  }
  return parsed.data!;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], value);
}

/** The same columns back out; passwords are not part of a seed and never written. Cells that would start a formula get a `'` (read back off by parseSeedCsv). */
export function seedsToCsv(seeds: readonly Seed[]): string {
  return stringify(
    seeds.map((seed) => [
      seed.address,
      seed.provider,
      seed.imap?.host ?? '',
      seed.imap ? String(seed.imap.port) : '',
      seed.imap ? (seed.imap.tls ? 'yes' : 'no') : '',
      seed.imap?.user ?? '',
      seed.imap?.passwordEnv ?? '',
      seed.tags.join(';'),
    ]),
    { header: true, columns: [...SEED_CSV_COLUMNS], cast: neutralizingCast },
  );
}
