import type { DnsLookup } from '../../../shared/contract/auth';
import { type DnsAnswer, DnsLookupError, type DnsResolver } from './resolver';

const OUTCOMES: Record<string, DnsLookup['outcome']> = { ENOTFOUND: 'nxdomain', ENODATA: 'nodata', ETIMEOUT: 'timeout' };

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
    // plain promise chaining, not async/await: this sits under every lookup of every check
    return (name, type) => {
      const started = performance.now();
      const entry = (outcome: DnsLookup['outcome'], answers: string[], detail?: string): DnsLookup => ({
        name: name.replace(/\.$/, '').toLowerCase(),
        type: type.toUpperCase(),
        source,
        outcome,
        answers,
        ...(detail ? { detail } : {}),
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
      return resolver(name, type).then(
        (answer) => {
          this.lookups.push(entry('answer', formatAnswer(type.toUpperCase(), answer)));
          return answer;
        },
        (error: unknown) => {
          const code = (error as { code?: string }).code ?? '';
          const detail = error instanceof DnsLookupError ? error.detail : undefined;
          this.lookups.push(entry(OUTCOMES[code] ?? 'error', [], detail ?? (OUTCOMES[code] ? undefined : code || String(error))));
          throw error;
        },
      );
    };
  }
}
