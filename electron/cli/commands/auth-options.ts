import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { DnsSource } from '../../../shared/contract/auth';
import { isAppError } from '../../../shared/contract/errors';
import { parseServerAddress } from '../../services/dns/resolver';
import { parseZoneFile } from '../../services/dns/zone-file';
import { UsageError } from '../command';

/** The DNS flags the auth, spf and dns commands share. */
export const dnsFlags = {
  zone: { type: 'string' },
  dns: { type: 'string' },
} as const;

/** A file's bytes: messages are read this way, as DKIM hashes octets, not characters. */
export function readInputBytes(cwd: string, file: string, what: string): Buffer {
  try {
    return readFileSync(resolve(cwd, file));
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** A text file (a zone), decoded as UTF-8. */
export function readInputFile(cwd: string, file: string, what: string): string {
  return readInputBytes(cwd, file, what).toString('utf8');
}

/**
 * --zone alone: only the zone answers (records not published yet, fully offline).
 * --dns alone: that server. Both: the zone over that server. Neither: system DNS.
 */
export function dnsSourceFrom(cwd: string, values: { zone?: string; dns?: string }): { source: DnsSource; zoneFile?: string } {
  const usage = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (!isAppError(error)) throw error;
      throw new UsageError(`${error.message} ${error.details.hint ?? ''}`.trim());
    }
  };
  if (values.dns !== undefined) usage(() => parseServerAddress(values.dns!));
  if (values.zone === undefined) return { source: values.dns !== undefined ? { mode: 'server', server: values.dns } : { mode: 'system' } };
  const zone = readInputFile(cwd, values.zone, 'zone file');
  // read it once here so a mistake is reported as usage (exit 2) with its file and line
  usage(() => parseZoneFile(zone, { file: values.zone! }));
  return { source: values.dns !== undefined ? { mode: 'layered', zone, server: values.dns } : { mode: 'zone', zone }, zoneFile: values.zone };
}

export function checkIp(ip: string | undefined, flag = '--ip'): string | undefined {
  if (ip !== undefined && isIP(ip) === 0) throw new UsageError(`${flag} ${ip} is not an IPv4 or IPv6 address.`);
  return ip;
}
