import type { DnsLookup } from '../../../shared/contract/auth';
import { type DnsAnswer, DnsLookupError, type DnsResolver } from './resolver';

// a Map: error codes come from servers and libraries, and a plain object would answer "constructor" from its prototype
const OUTCOMES: ReadonlyMap<string, DnsLookup['outcome']> = new Map([
  ['ENOTFOUND', 'nxdomain'],
  ['ENODATA', 'nodata'],
  ['ETIMEOUT', 'timeout'],
]);

export function formatAnswer(type: string, answer: DnsAnswer): string[] {
  return (answer as unknown[]).map((item) => {
    if (Array.isArray(item)) return `"${item.join('" "')}"`;
    if (typeof item === 'object' && item !== null && 'exchange' in item) {
      const mx = item as { exchange: string; priority: number };
      return `${mx.priority} ${mx.exchange || '.'}`;
    }
    return String(item);
  });
}

/**
 * Records every question a check asks, in order, so a verdict can show the DNS behind it.
 * One trail per check run; wrap each resolver once with the source it stands for.
 */
export class DnsTrail {
  readonly lookups: DnsLookup[] = [];

  wrap(resolver: DnsResolver, source: DnsLookup['source']): DnsResolver {
    // plain promise chaining and no closure per lookup: this sits under every lookup of every check
    return (name, type) => {
      const started = performance.now();
      const rrtype = type.toUpperCase();
      return resolver(name, type).then(
        (answer) => {
          this.record(name, rrtype, source, started, 'answer', formatAnswer(rrtype, answer));
          return answer;
        },
        (error: unknown) => {
          const code = (error as { code?: string }).code ?? '';
          const outcome = OUTCOMES.get(code);
          const detail = (error instanceof DnsLookupError ? error.detail : undefined) ?? (outcome ? undefined : code || String(error));
          this.record(name, rrtype, source, started, outcome ?? 'error', [], detail);
          throw error;
        },
      );
    };
  }

  private record(name: string, type: string, source: DnsLookup['source'], started: number, outcome: DnsLookup['outcome'], answers: string[], detail?: string): void {
    const ms = Math.round((performance.now() - started) * 100) / 100;
    const bare = (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
    // two literals rather than a spread of an optional part: this runs for every lookup of every check
    this.lookups.push(detail ? { name: bare, type, source, outcome, answers, detail, ms } : { name: bare, type, source, outcome, answers, ms });
  }
}
