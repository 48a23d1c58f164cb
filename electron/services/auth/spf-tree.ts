import type { SpfNode } from '../../../shared/contract/auth';
import { DnsLookupError, type DnsResolver, NOT_IN_ZONE } from '../dns/resolver';
import { isSpfRecord, LOOKUP_TERMS, parseSpfRecord } from './spf-record';

export interface SpfWalk {
  tree: SpfNode;
  /** DNS-querying terms across the whole tree (RFC 7208 limit: 10). */
  lookups: number;
  /** Lookups that found no name or no data (limit: 2). */
  voids: number;
  /** Temporary DNS failures met on the way: the counts may be low. */
  dnsErrors: string[];
}

const MAX_DEPTH = 12;
const isVoid = (error: unknown): boolean => ['ENOTFOUND', 'ENODATA'].includes((error as { code?: string }).code ?? '');

/** The SPF records a domain publishes (TXT strings of one record joined without spaces). */
export async function fetchSpfRecords(resolve: DnsResolver, domain: string): Promise<string[]> {
  const answer = (await resolve(domain, 'TXT')) as string[][];
  return answer.map((strings) => strings.join('')).filter(isSpfRecord);
}

/**
 * Follows an SPF record's include and redirect terms without an IP address, as a domain
 * audit does: the tree, the lookup count and the void lookups a receiver would meet at most.
 * Names built from macros are not followed (they depend on the message). `knownRecord` is the
 * domain's record when the caller has already read it.
 */
export async function walkSpf(resolve: DnsResolver, domain: string, knownRecord?: string): Promise<SpfWalk> {
  const walk: SpfWalk = { tree: { domain, via: 'top', lookups: 0, children: [] }, lookups: 0, voids: 0, dnsErrors: [] };
  walk.tree = await visit(domain, 'top', [], 0);
  return walk;

  async function probe(name: string, type: string): Promise<void> {
    try {
      await resolve(name, type);
    } catch (error) {
      if (isVoid(error)) walk.voids++;
      else walk.dnsErrors.push(`${type} ${name}: ${(error as { code?: string }).code ?? String(error)}`);
    }
  }

  async function visit(name: string, via: SpfNode['via'], path: string[], depth: number): Promise<SpfNode> {
    const node: SpfNode = { domain: name, via, lookups: 0, children: [] };
    if (path.includes(name.toLowerCase())) return { ...node, problem: `loop: ${[...path, name].join(' → ')}` };
    if (depth > MAX_DEPTH) return { ...node, problem: 'nested too deeply' };
    let records: string[];
    try {
      // the top record the evaluation already read (mailauth's `rr`) needs no second look
      records = via === 'top' && knownRecord ? [knownRecord] : await fetchSpfRecords(resolve, name);
    } catch (error) {
      if (isVoid(error)) {
        if (via !== 'top') walk.voids++;
        return { ...node, problem: 'no SPF record (the name has no TXT records)' };
      }
      walk.dnsErrors.push(`TXT ${name}: ${(error as { code?: string }).code ?? String(error)}`);
      const detail = error instanceof DnsLookupError ? error.detail : undefined;
      return { ...node, notChecked: true, problem: detail === NOT_IN_ZONE ? NOT_IN_ZONE : `not checked: DNS did not answer (${(error as { code?: string }).code ?? String(error)})` };
    }
    if (records.length === 0) return { ...node, problem: 'no SPF record' };
    if (records.length > 1) return { ...node, record: records.join(' | '), problem: `${records.length} SPF records: receivers return permerror` };
    const record = records[0]!;
    const parsed = parseSpfRecord(record);
    const result: SpfNode = { ...node, record, ...(parsed.problems.length ? { problem: parsed.problems.join(' ') } : {}) };
    const hasAll = parsed.terms.some((term) => term.kind === 'mechanism' && term.name === 'all');
    for (const term of parsed.terms) {
      if (!LOOKUP_TERMS.has(term.name) || (term.kind === 'modifier' && term.name !== 'redirect')) continue;
      if (term.name === 'redirect' && hasAll) continue;
      result.lookups++;
      walk.lookups++;
      const target = term.kind === 'modifier' ? term.value : term.domain || name;
      if (target.includes('%')) continue;
      if (term.name === 'include' || term.name === 'redirect') {
        result.children.push(await visit(target, term.name, [...path, name.toLowerCase()], depth + 1));
      } else if (term.name === 'a') await probe(target, 'A');
      else if (term.name === 'mx') await probe(target, 'MX');
      else if (term.name === 'exists') await probe(target, 'A');
    }
    return result;
  }
}
