import type { AuditSection } from '../../../../shared/contract/auth';
import type { Finding, Severity } from '../../../../shared/model/finding';
import type { CheckDns } from '../../dns/source';

export type TxtLookup = { ok: true; records: string[] } | { ok: false; missing: boolean; code: string };

export interface NetworkOptions {
  /** Per-connection timeout for SMTP and HTTPS probes. */
  timeoutMs: number;
  /** SMTP port of MX hosts (25; tests point it at a loopback server). */
  smtpPort: number;
}

export interface SectionOutcome {
  status: AuditSection['status'];
  summary: string;
  records?: string[];
}

/** One audit in progress: the domain, its DNS, and the findings and sections gathered so far. */
export class AuditRun {
  readonly findings: Finding[] = [];
  readonly sections: AuditSection[] = [];

  constructor(
    readonly domain: string,
    readonly dns: CheckDns,
    readonly network: NetworkOptions,
  ) {}

  find(family: string, rule: string, severity: Severity, message: string, why: string, fix: string): void {
    this.findings.push({ rule, family, severity, message, why, fix });
  }

  /** TXT records of a name, each record's strings joined (how SPF, DMARC and DKIM read them). */
  async txt(name: string): Promise<TxtLookup> {
    try {
      const answer = (await this.dns.resolve(name, 'TXT')) as string[][];
      return { ok: true, records: answer.map((strings) => strings.join('')) };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      return { ok: false, missing: code === 'ENOTFOUND' || code === 'ENODATA', code };
    }
  }

  async resolveOrEmpty<T>(name: string, type: string): Promise<T[]> {
    try {
      return (await this.dns.resolve(name, type)) as T[];
    } catch {
      return [];
    }
  }

  /** Runs one section and keeps the DNS questions it asked with it. */
  async section(id: string, title: string, body: () => Promise<SectionOutcome>): Promise<void> {
    const start = this.dns.trail.lookups.length;
    const outcome = await body();
    this.sections.push({ id, title, status: outcome.status, summary: outcome.summary, records: outcome.records ?? [], trail: this.dns.trail.lookups.slice(start) });
  }

  /** The worst severity this family's findings reached, as a section status. */
  statusOf(family: string): AuditSection['status'] {
    const severities = this.findings.filter((finding) => finding.family === family).map((finding) => finding.severity);
    if (severities.includes('error')) return 'error';
    if (severities.includes('warning')) return 'warning';
    return 'pass';
  }
}

export const notChecked = (reason: string): SectionOutcome => ({ status: 'not-checked', summary: `not checked: ${reason}` });
