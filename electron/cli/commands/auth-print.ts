import type { DnsLookup } from '../../../shared/contract/auth';

/** The DNS trail as one line per question, the way dig users read it. */
export function printTrail(trail: readonly DnsLookup[], out: (text: string) => void): void {
  if (trail.length === 0) return;
  out('');
  out(`DNS trail (${trail.length} lookups):`);
  for (const lookup of trail) {
    const answer = lookup.outcome === 'answer' ? lookup.answers.join(' | ') : lookup.outcome.toUpperCase();
    out(`  ${lookup.type.padEnd(5)} ${lookup.name} [${lookup.source}] → ${answer}${lookup.detail ? ` (${lookup.detail})` : ''}`);
  }
}
