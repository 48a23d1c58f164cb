import { parseDkimHeaders } from 'mailauth/lib/tools.js';

export interface AuthVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
}

type Entry = { value?: string } | undefined;

/**
 * SPF, DKIM and DMARC results from a receiver's Authentication-Results header (RFC 8601),
 * read with mailauth's parser. DKIM passes when any signature passed.
 */
export function parseAuthResults(value: string): AuthVerdicts {
  const { parsed } = parseDkimHeaders(`Authentication-Results: ${value}`);
  const first = (key: string): string | undefined => {
    const entry = parsed[key] as Entry | Entry[];
    const list = Array.isArray(entry) ? entry : [entry];
    const values = list.map((item) => item?.value?.toLowerCase()).filter((item): item is string => Boolean(item));
    return values.includes('pass') ? 'pass' : values[0];
  };
  const verdicts: AuthVerdicts = {};
  for (const key of ['spf', 'dkim', 'dmarc'] as const) {
    const found = first(key);
    if (found) verdicts[key] = found;
  }
  return verdicts;
}
