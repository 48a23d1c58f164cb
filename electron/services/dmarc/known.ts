import type { Db } from '../../db/open';

/**
 * Addresses this database has seen as senders: the IPs of SPF checks and of message checks'
 * envelopes in the auth history. An IP found here is a "known" source; anything else is
 * "unknown" (never checked here), which says nothing about whether the mail is legitimate.
 */
export function knownSources(db: Db): Set<string> {
  const rows = db.prepare(`SELECT json_extract(input_json, '$.ip') AS ip FROM auth_checks WHERE kind = 'spf' AND json_valid(input_json)
    UNION SELECT json_extract(input_json, '$.envelope.ip') FROM auth_checks WHERE kind IN ('message', 'bulk') AND json_valid(input_json)`).all() as Array<{ ip: unknown }>;
  return new Set(rows.map((r) => r.ip).filter((ip): ip is string => typeof ip === 'string' && ip.length > 0));
}
