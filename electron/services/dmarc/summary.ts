import type { DaySummary, DomainSummary, SourceSummary, Summary, SummaryQuery, TlsItem, WhatIf } from '../../../shared/contract/dmarc';
import type { Db } from '../../db/open';
// The public-suffix guess, not OrgDomains (auth/org-domain.ts): the RFC 9989 tree walk asks DNS for
// _dmarc records and report summaries are computed offline from stored reports; it only words a note.
import { organizationalDomain } from '../auth/dmarc-record';
import { knownSources } from './known';
import type { PolicyOverride, PolicyPublished } from './model';
import { serviceOf } from './senders';

/** Sources listed per domain, busiest first; the rest are still counted in the domain's totals. */
const SOURCES_PER_DOMAIN = 200;

interface Totals {
  messages: number;
  pass: number;
  dkim: number;
  spf: number;
  quarantine: number;
  reject: number;
}

const totalsSql = `SUM(count) AS messages, SUM(CASE WHEN dkim_aligned = 1 OR spf_aligned = 1 THEN count ELSE 0 END) AS pass,
  SUM(dkim_aligned * count) AS dkim, SUM(spf_aligned * count) AS spf,
  SUM(CASE WHEN disposition = 'quarantine' THEN count ELSE 0 END) AS quarantine, SUM(CASE WHEN disposition = 'reject' THEN count ELSE 0 END) AS reject`;

function where(query: SummaryQuery): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (query.domain) {
    clauses.push('domain = ?');
    params.push(query.domain);
  }
  if (query.since) {
    clauses.push('day >= ?');
    params.push(query.since);
  }
  if (query.until) {
    clauses.push('day <= ?');
    params.push(query.until);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Per domain (the policy domain of the reports): messages, DMARC pass (DKIM or SPF aligned and
 * passing, as the receivers evaluated it), alignment, the policy applied with overrides and
 * their reasons, per source IP and per day.
 */
export function summarize(db: Db, query: SummaryQuery): Summary {
  const { sql, params } = where(query);
  const known = knownSources(db);
  const domains = db.prepare(`SELECT domain, ${totalsSql}, COUNT(DISTINCT report_id) AS reports FROM dmarc_records ${sql} GROUP BY domain ORDER BY messages DESC, domain`)
    .all(...params) as Array<Totals & { domain: string; reports: number }>;
  const sourceRows = db.prepare(`SELECT domain, source_ip AS ip, ${totalsSql} FROM dmarc_records ${sql} GROUP BY domain, source_ip ORDER BY messages DESC, source_ip`)
    .all(...params) as Array<Totals & { domain: string; ip: string }>;
  const dayRows = db.prepare(`SELECT domain, day, ${totalsSql} FROM dmarc_records ${sql} GROUP BY domain, day ORDER BY day`)
    .all(...params) as Array<Totals & { domain: string; day: string }>;
  const reasonRows = db.prepare(`SELECT domain, reasons_json, SUM(count) AS messages FROM dmarc_records ${sql ? `${sql} AND` : 'WHERE'} reasons_json IS NOT NULL GROUP BY domain, reasons_json`)
    .all(...params) as Array<{ domain: string; reasons_json: string; messages: number }>;
  const sources = new Map<string, SourceSummary[]>();
  for (const row of sourceRows) {
    let list = sources.get(row.domain);
    if (!list) sources.set(row.domain, (list = []));
    if (list.length >= SOURCES_PER_DOMAIN) continue;
    list.push({
      ip: row.ip, ptr: null, service: serviceOf(row.ip), messages: row.messages, dmarcPass: row.pass, dkimAligned: row.dkim, spfAligned: row.spf,
      known: known.has(row.ip) ? 'known' : 'unknown',
      dispositions: { none: row.messages - row.quarantine - row.reject, quarantine: row.quarantine, reject: row.reject },
    });
  }
  const days = new Map<string, DaySummary[]>();
  for (const row of dayRows) {
    let list = days.get(row.domain);
    if (!list) days.set(row.domain, (list = []));
    list.push({ day: row.day, messages: row.messages, dmarcPass: row.pass, dkimAligned: row.dkim, spfAligned: row.spf, quarantine: row.quarantine, reject: row.reject });
  }
  const overrides = new Map<string, Map<string, { type: string; comment: string; messages: number }>>();
  for (const row of reasonRows) {
    let byReason = overrides.get(row.domain);
    if (!byReason) overrides.set(row.domain, (byReason = new Map()));
    for (const reason of JSON.parse(row.reasons_json) as PolicyOverride[]) {
      const key = `${reason.type}\u0000${reason.comment}`;
      const entry = byReason.get(key) ?? { type: reason.type, comment: reason.comment, messages: 0 };
      entry.messages += row.messages;
      byReason.set(key, entry);
    }
  }
  const latestPolicy = db.prepare("SELECT policy_json FROM dmarc_reports WHERE kind = 'aggregate' AND domain = ? ORDER BY end_at DESC LIMIT 1");
  return {
    domains: domains.map((d): DomainSummary => {
      const policy = latestPolicy.get(d.domain) as { policy_json: string | null } | undefined;
      const published = policy?.policy_json ? (JSON.parse(policy.policy_json) as PolicyPublished) : undefined;
      return {
        domain: d.domain, messages: d.messages, dmarcPass: d.pass, dkimAligned: d.dkim, spfAligned: d.spf,
        dmarcPassRate: d.messages ? d.pass / d.messages : 0,
        policyApplied: {
          none: d.messages - d.quarantine - d.reject, quarantine: d.quarantine, reject: d.reject,
          overrides: [...(overrides.get(d.domain)?.values() ?? [])].sort((a, b) => b.messages - a.messages),
          published: published ? { p: published.p, sp: published.sp, np: published.np, pct: published.pct, testing: published.testing } : null,
        },
        sources: sources.get(d.domain) ?? [],
        days: days.get(d.domain) ?? [],
        reports: d.reports,
      };
    }),
  };
}

/**
 * What a stricter policy would do to the mail the reports saw: every message failing DMARC
 * would be quarantined or rejected. A failing source that is a known sending service or an
 * address checked here is likely legitimate mail that is not yet authenticated (fix it before
 * tightening); unknown failing sources are likely forwarding or spoofing.
 */
export function whatIf(db: Db, domain: string, policy: WhatIf['policy']): WhatIf {
  const summary = summarize(db, { domain }).domains[0];
  const notes: string[] = [];
  if (!summary) {
    return { domain, policy, messages: 0, affected: 0, affectedShare: 0, legitimateAffected: 0, legitimateShare: 0, sources: [],
      notes: [`No aggregate reports for ${domain} are stored: import some first.`] };
  }
  const sources = summary.sources.map((s) => {
    const failing = s.messages - s.dmarcPass;
    const likelyLegitimate = failing > 0 && (s.service !== null || s.known === 'known');
    const why = failing === 0 ? 'passes DMARC'
      : s.service ? `${s.service} sends for you but its mail is not aligned: set up DKIM with your domain there`
        : s.known === 'known' ? 'an address you checked in Mailbench, failing DMARC: fix its SPF or DKIM first'
          : 'unknown sender (forwarding, a mailing list or spoofing)';
    return { ip: s.ip, service: s.service, known: s.known, messages: s.messages, failing, likelyLegitimate, why };
  }).filter((s) => s.failing > 0).sort((a, b) => b.failing - a.failing);
  const affected = summary.messages - summary.dmarcPass;
  const legitimateAffected = sources.filter((s) => s.likelyLegitimate).reduce((sum, s) => sum + s.failing, 0);
  const pct = Number(summary.policyApplied.published?.pct || '100');
  if (summary.policyApplied.published && pct < 100) notes.push(`The published pct=${pct} applies the policy to ${pct}% of failing mail; the figures assume 100%.`);
  if (organizationalDomain(domain) !== domain) notes.push(`Reports for subdomains of ${organizationalDomain(domain)} follow its sp= (or np=) unless ${domain} publishes its own record.`);
  notes.push(`At p=${policy}, failing mail is ${policy === 'reject' ? 'refused during the SMTP session' : 'delivered to spam or held'}; reports already showing that disposition are included.`);
  return {
    domain, policy, messages: summary.messages, affected, affectedShare: summary.messages ? affected / summary.messages : 0,
    legitimateAffected, legitimateShare: summary.messages ? legitimateAffected / summary.messages : 0, sources, notes,
  };
}

/** SMTP TLS totals per policy domain, with failures per type and receiving MX. */
export function tlsTotals(db: Db, since?: string, until?: string): { domains: TlsItem[] } {
  const clauses: string[] = ["r.kind = 'tls'"];
  const params: number[] = [];
  if (since) {
    clauses.push('r.begin_at >= ?');
    params.push(Date.parse(`${since}T00:00:00Z`) / 1000);
  }
  if (until) {
    clauses.push('r.begin_at < ?');
    params.push(Date.parse(`${until}T00:00:00Z`) / 1000 + 86400);
  }
  const filter = clauses.join(' AND ');
  const policies = db.prepare(`SELECT p.policy_domain AS domain, MAX(p.policy_type) AS type, SUM(p.successful) AS ok, SUM(p.failed) AS failed, COUNT(DISTINCT p.report_id) AS reports
    FROM dmarc_tls_policies p JOIN dmarc_reports r ON r.id = p.report_id WHERE ${filter} GROUP BY p.policy_domain ORDER BY failed DESC, domain`).all(...params) as Array<{ domain: string; type: string; ok: number; failed: number; reports: number }>;
  const failures = db.prepare(`SELECT p.policy_domain AS domain, f.result_type AS type, f.receiving_mx AS mx, SUM(f.count) AS count
    FROM dmarc_tls_failures f JOIN dmarc_tls_policies p ON p.report_id = f.report_id AND p.seq = f.policy_seq JOIN dmarc_reports r ON r.id = f.report_id
    WHERE ${filter} GROUP BY p.policy_domain, f.result_type, f.receiving_mx ORDER BY count DESC`).all(...params) as Array<{ domain: string; type: string; mx: string; count: number }>;
  return {
    domains: policies.map((p) => ({
      policyDomain: p.domain, policyType: p.type, successful: p.ok, failed: p.failed, reports: p.reports,
      failures: failures.filter((f) => f.domain === p.domain).map((f) => ({ resultType: f.type, receivingMx: f.mx, count: f.count })),
    })),
  };
}
