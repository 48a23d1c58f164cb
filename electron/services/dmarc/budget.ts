import { AppError } from '../../../shared/contract/errors';

/**
 * What one report file may cost before Mailbench refuses it. Real reports are small (a busy
 * domain's daily Google report is a few hundred kB of XML); these limits leave a wide margin
 * while keeping a hostile file (a zip or gzip bomb, a million-deep XML) from eating the machine.
 */
export const budget = {
  /** Bytes of one file as it is on disk (or one attachment after base64). */
  fileBytes: 32 * 1024 * 1024,
  /** Bytes after decompression, for everything unpacked from one file together. */
  decompressedBytes: 64 * 1024 * 1024,
  /** Decompressed bytes per compressed byte above which an archive counts as a bomb (real XML packs about 20:1). */
  ratio: 200,
  /** Below this many decompressed bytes the ratio is not checked: tiny repetitive reports pack very well. */
  ratioFloor: 1024 * 1024,
  /** Files inside one zip archive. */
  zipEntries: 64,
  /** Archives inside archives or attachments (a .zip in an .eml is two). */
  nesting: 4,
  /** `<record>` elements in one aggregate report. */
  records: 200_000,
  /** Element depth of the XML (the schema needs 5). */
  xmlDepth: 32,
  /** Bracket depth of a TLS report's JSON (the schema needs 5). */
  jsonDepth: 32,
  /** MIME parts in one email, all levels together. */
  mimeParts: 128,
  /** Policies and failure details in one TLS report. */
  tlsPolicies: 10_000,
  tlsFailureDetails: 100_000,
  /** Bytes of a failure report's original headers that are kept. */
  failureHeaders: 64 * 1024,
} as const;

/** A file refused: the reason says what is wrong and which limit, the hint what to do. */
export function refuse(file: string, message: string, hint: string): AppError {
  return new AppError('parse_error', message, { file, hint });
}

/** A byte count for a sentence: kB below a megabyte, MB above. */
export const mib = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
