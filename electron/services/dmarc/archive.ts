import { inflateRawSync } from 'node:zlib';
import { budget, mib, refuse } from './budget';

/** Decompressed bytes left for one file: archives inside archives share it. */
export interface Allowance {
  left: number;
}

export const newAllowance = (): Allowance => ({ left: budget.decompressedBytes });

export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8;
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

/**
 * Inflates raw deflate data within the allowance and the ratio limit, and says how many input
 * bytes the stream used (for gzip members that follow). zlib itself stops at the cap, so a bomb
 * never gets further than the limit in memory.
 */
function inflate(file: string, data: Uint8Array, allowance: Allowance, what: string): { bytes: Buffer; used: number } {
  const cap = Math.min(allowance.left, Math.max(budget.ratioFloor, data.length * budget.ratio));
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = inflateRawSync(data, { info: true, maxOutputLength: Math.max(1, cap) }) as unknown as typeof result;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      const byRatio = cap < allowance.left;
      throw refuse(file, byRatio
        ? `${what} unpacks to more than ${budget.ratio} times its packed size (${mib(data.length)} packed): Mailbench treats that as a decompression bomb.`
        : `${what} unpacks to more than ${mib(budget.decompressedBytes)}, the limit for one report file.`,
      'Real DMARC and TLS reports are far smaller; unpack the file yourself and check what it holds.');
    }
    throw refuse(file, `${what} is damaged: ${(error as Error).message}.`, 'Ask the reporter to send it again, or unpack it with another tool to check.');
  }
  allowance.left -= result.buffer.length;
  return { bytes: result.buffer, used: result.engine.bytesWritten };
}

export interface Gunzipped {
  bytes: Buffer;
  members: number;
  /** Bytes after the last member that are not gzip (some reporters pad with CRLF). */
  trailing: number;
}

/**
 * Gunzips every member of a gzip file (RFC 1952 allows several, concatenated) and stops at
 * trailing bytes that are not a gzip member instead of failing, as reporters such as Mimecast
 * append a CRLF. The CRC is not checked: a damaged stream fails inflation anyway.
 */
export function gunzip(file: string, bytes: Uint8Array, allowance: Allowance): Gunzipped {
  const parts: Buffer[] = [];
  let at = 0;
  let members = 0;
  while (at < bytes.length && isGzip(bytes.subarray(at))) {
    const start = headerEnd(file, bytes, at);
    const { bytes: out, used } = inflate(file, bytes.subarray(start), allowance, 'The gzip data');
    parts.push(out);
    members++;
    at = start + used + 8;
  }
  return { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), members, trailing: Math.max(0, bytes.length - at) };
}

/** Where a gzip member's deflate data starts, past its optional fields (FEXTRA, FNAME, FCOMMENT, FHCRC). */
function headerEnd(file: string, bytes: Uint8Array, at: number): number {
  const flags = bytes[at + 3] ?? 0;
  let p = at + 10;
  const damaged = () => refuse(file, 'The gzip header is cut short.', 'The file is damaged; ask the reporter to send it again.');
  if (p > bytes.length) throw damaged();
  if (flags & 4) {
    if (p + 2 > bytes.length) throw damaged();
    p += 2 + (bytes[p]! | (bytes[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      while (p < bytes.length && bytes[p] !== 0) p++;
      p++;
    }
  }
  if (flags & 2) p += 2;
  if (p > bytes.length) throw damaged();
  return p;
}

export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

const u16 = (b: Uint8Array, p: number) => b[p]! | (b[p + 1]! << 8);
const u32 = (b: Uint8Array, p: number) => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

/**
 * The files of a zip archive, read through its central directory. Stored and deflated entries
 * are read; folders are skipped; encrypted, zip64 or other methods are refused by name. Each
 * entry inflates within the file's allowance, whatever size the archive claims for it.
 */
export function unzip(file: string, bytes: Uint8Array, allowance: Allowance): ZipEntry[] {
  const damaged = (what: string) => refuse(file, `The zip archive is damaged: ${what}.`, 'Unpack it with another tool to check, or ask the reporter to send it again.');
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (u32(bytes, p) === 0x06054b50) {
      end = p;
      break;
    }
  }
  if (end < 0) throw damaged('no central directory');
  const count = u16(bytes, end + 10);
  let p = u32(bytes, end + 16);
  if (count === 0xffff || p === 0xffffffff) throw refuse(file, 'The zip archive is in zip64 form.', 'DMARC reports are small; unpack it with another tool and import the XML.');
  if (count > budget.zipEntries) {
    throw refuse(file, `The zip archive holds ${count} files; Mailbench reads at most ${budget.zipEntries} from one archive.`, 'Unpack it and import the folder instead.');
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw damaged('a directory entry is missing');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const packed = u32(bytes, p + 20);
    const nameLength = u16(bytes, p + 28);
    const local = u32(bytes, p + 42);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLength)).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
    if (name.endsWith('/')) continue;
    if (flags & 1) throw refuse(file, `${name} in the zip archive is encrypted.`, 'Unpack it with its password and import the XML.');
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw damaged(`the entry ${name} is missing`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + packed > bytes.length) throw damaged(`the entry ${name} is cut short`);
    const data = bytes.subarray(start, start + packed);
    if (method === 0) {
      if (data.length > allowance.left) throw refuse(file, `The zip archive unpacks to more than ${mib(budget.decompressedBytes)}, the limit for one report file.`, 'Unpack it and import the files one by one.');
      allowance.left -= data.length;
      entries.push({ name, bytes: Buffer.from(data) });
    } else if (method === 8) {
      entries.push({ name, bytes: inflate(file, data, allowance, `${name} in the zip archive`).bytes });
    } else {
      throw refuse(file, `${name} in the zip archive uses compression method ${method}, which Mailbench does not read.`, 'Unpack it with another tool and import the XML.');
    }
  }
  return entries;
}
