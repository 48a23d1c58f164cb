import type { FailureItem, SeedJoin } from '../../../shared/contract/dmarc';
import type { Db } from '../../db/open';
// The public-suffix guess, not OrgDomains (auth/org-domain.ts): the RFC 9989 tree walk asks DNS for
// _dmarc records, and joins over stored reports and seed runs are computed offline, where the walk
// could only end in a DNS error. Here it only groups From domains under one name.
import { organizationalDomain } from '../auth/dmarc-record';
import { isoOf } from './store';

/** Stored failure reports, newest first. */
export function listFailures(db: Db, domain: string | undefined, limit: number): FailureItem[] {
  const rows = db.prepare(`SELECT r.id, r.org_name, r.domain, r.begin_at, f.* FROM dmarc_failures f JOIN dmarc_reports r ON r.id = f.report_id
    ${domain ? 'WHERE r.domain = ?' : ''} ORDER BY r.begin_at DESC, r.id DESC LIMIT ?`).all(...(domain ? [domain, limit] : [limit])) as Array<Record<string, string | number>>;
  return rows.map((row) => ({
    id: Number(row.id), orgName: String(row.org_name), domain: String(row.domain), arrival: isoOf(Number(row.begin_at)), sourceIp: String(row.source_ip),
    feedbackType: String(row.feedback_type), authFailure: String(row.auth_failure), deliveryResult: String(row.delivery_result),
    originalMailFrom: String(row.original_mail_from), originalRcptTo: String(row.original_rcpt_to), subject: String(row.subject),
    authResults: String(row.auth_results), headers: String(row.headers), arf: Number(row.arf) === 1,
  }));
}

/**
 * Seed-test mail sent from this domain (or a subdomain of its organizational domain) and
 * what the seed mailboxes recorded for it: SPF, DKIM and DMARC from their
 * Authentication-Results, and the placement. Seed rows do not keep the sending IP, so the
 * join is by the From domain, not by source address; the note says so.
 */
export function seedJoin(db: Db, domain: string): SeedJoin {
  const org = organizationalDomain(domain);
  const rows = db.prepare(`SELECT r.id AS runId, s.provider, s.placement, s.auth_json AS auth, json_extract(r.message_json, '$.from') AS sender
    FROM seed_recipients s JOIN seed_runs r ON r.id = s.run_id WHERE json_valid(r.message_json) AND json_extract(r.message_json, '$.from') LIKE ? ESCAPE '\\'`)
    .all(`%${org.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as Array<{ runId: string; provider: string; placement: string; auth: string | null; sender: unknown }>;
  const groups = new Map<string, SeedJoin['rows'][number]>();
  for (const row of rows) {
    const from = /@([^\s>]+)/.exec(String(row.sender))?.[1]?.toLowerCase() ?? '';
    if (!from || organizationalDomain(from) !== org) continue;
    const auth = row.auth ? (JSON.parse(row.auth) as { spf?: string; dkim?: string; dmarc?: string }) : {};
    const entry = { runId: row.runId, provider: row.provider, placement: row.placement, spf: auth.spf ?? 'not checked', dkim: auth.dkim ?? 'not checked', dmarc: auth.dmarc ?? 'not checked', messages: 0 };
    const key = [entry.runId, entry.provider, entry.placement, entry.spf, entry.dkim, entry.dmarc].join('\u0000');
    const found = groups.get(key) ?? entry;
    found.messages++;
    groups.set(key, found);
  }
  return {
    domain,
    note: 'Seed runs do not record the sending IP, so seed results are matched to reports by the From domain.',
    rows: [...groups.values()],
  };
}
