import type { SpfNode } from '../../../../shared/contract/auth';
import { isSpfRecord, LOOKUP_TERMS, parseSpfRecord } from '../spf-record';
import { walkSpf } from '../spf-tree';
import type { AuditRun, SectionOutcome } from './run';

const FAMILY = 'spf';
/** Past this a TXT answer may not fit a 512-byte UDP reply and receivers retry over TCP or give up. */
const LARGE_RECORD = 450;

/** SPF of the domain: one record, valid syntax, within the lookup and void limits, a meaningful `all`. */
export async function auditSpf(run: AuditRun): Promise<{ outcome: SectionOutcome; tree?: SpfNode }> {
  const txt = await run.txt(run.domain);
  if (!txt.ok && !txt.missing) return { outcome: { status: 'not-checked', summary: `not checked: DNS error ${txt.code}` } };
  const records = txt.ok ? txt.records.filter(isSpfRecord) : [];
  if (records.length === 0) {
    run.find(FAMILY, 'spf-missing', 'error', `${run.domain} publishes no SPF record.`, 'Receivers cannot tell which servers may send for the domain; Gmail, Yahoo and Microsoft require SPF or DKIM for all senders and both for bulk senders.', `Publish one TXT record at ${run.domain}: "v=spf1 include:<your email service> ~all".`);
    return { outcome: { status: 'error', summary: 'No SPF record.' } };
  }
  if (records.length > 1) {
    run.find(FAMILY, 'spf-multiple', 'error', `${run.domain} publishes ${records.length} SPF records.`, 'RFC 7208 makes that a permerror: SPF fails for every message.', 'Merge them into one record with all the mechanisms.');
    return { outcome: { status: 'error', summary: `${records.length} SPF records (permerror).`, records } };
  }
  const record = records[0]!;
  const parsed = parseSpfRecord(record);
  for (const problem of parsed.problems) run.find(FAMILY, 'spf-syntax', 'error', problem, 'A syntax error makes the whole record a permerror.', 'Correct the term; the Builders tab writes valid records.');
  const mechanisms = parsed.terms.filter((term) => term.kind === 'mechanism');
  const all = mechanisms.find((term) => term.name === 'all');
  const hasRedirect = parsed.terms.some((term) => term.kind === 'modifier' && term.name === 'redirect');
  if (all?.qualifier === '+') run.find(FAMILY, 'spf-plus-all', 'error', 'The record ends with +all.', 'Anyone on the internet may send as this domain: SPF passes for every IP.', 'End with ~all or -all.');
  else if (all?.qualifier === '?') run.find(FAMILY, 'spf-neutral-all', 'warning', 'The record ends with ?all.', 'Neutral says nothing about unlisted servers: as good as no SPF for spoofing protection.', 'End with ~all (with DMARC) or -all.');
  else if (!all && !hasRedirect) run.find(FAMILY, 'spf-no-all', 'warning', 'The record has no all mechanism and no redirect.', 'Unlisted servers get neutral, which protects nothing.', 'End the record with ~all or -all.');
  if (mechanisms.some((term) => term.name === 'ptr')) run.find(FAMILY, 'spf-ptr', 'warning', 'The record uses the ptr mechanism.', 'RFC 7208 says not to use ptr: it is slow, unreliable and some receivers skip it.', 'Replace ptr with ip4:/ip6: ranges or a:/include: terms.');
  const seen = new Set<string>();
  for (const term of parsed.terms) {
    const key = term.text.toLowerCase().replace(/^\+/, '');
    if (seen.has(key)) run.find(FAMILY, 'spf-duplicate', 'warning', `"${term.text}" appears more than once.`, LOOKUP_TERMS.has(term.name) ? 'Each copy costs another DNS lookup out of 10.' : 'The copy does nothing.', 'Remove the duplicate.');
    seen.add(key);
  }
  if (record.length > LARGE_RECORD) run.find(FAMILY, 'spf-size', 'warning', `The record is ${record.length} characters.`, 'Long TXT answers may not fit a UDP reply; some receivers then fail the lookup.', 'Shorten it: merge ranges, drop unused includes.');
  const walk = await walkSpf(run.dns.resolve, run.domain);
  if (walk.lookups > 10) run.find(FAMILY, 'spf-lookups', 'error', `The record needs ${walk.lookups} DNS lookups (limit 10).`, 'Receivers stop at 10 and return permerror: SPF fails for every message.', 'Remove unused includes or replace some with the ip4:/ip6: ranges they hold (flattening).');
  else if (walk.lookups >= 8) run.find(FAMILY, 'spf-lookups-near', 'warning', `The record needs ${walk.lookups} of 10 DNS lookups.`, 'One more include from a provider change breaks SPF.', 'Keep headroom: remove unused includes.');
  if (walk.voids > 2) run.find(FAMILY, 'spf-voids', 'error', `${walk.voids} lookups of the record find nothing (limit 2).`, 'Receivers return permerror after two void lookups.', 'Remove includes and a:/mx: terms for names that no longer exist.');
  for (const node of flatten(walk.tree).filter((node) => node !== walk.tree && node.record && !node.problem)) {
    // an include that passes everyone makes the whole record pass everyone (RFC 7208 5.2)
    const terms = parseSpfRecord(node.record!).terms.filter((term) => term.kind === 'mechanism');
    const path = `${node.via} ${node.domain}`;
    if (terms.some((term) => term.name === 'all' && term.qualifier === '+')) {
      run.find(FAMILY, 'spf-include-plus-all', 'error', `${path} ends with +all.`, `Every IP in the world passes that ${node.via}, so SPF of ${run.domain} passes for anyone.`, `Remove the ${node.via} of ${node.domain}, or ask its owner to end it with ~all or -all.`);
    }
    if (terms.some((term) => term.name === 'ptr')) {
      run.find(FAMILY, 'spf-include-ptr', 'warning', `${path} uses the ptr mechanism.`, 'RFC 7208 says not to use ptr: slow and unreliable, and some receivers skip it, even inside an include.', `Ask the owner of ${node.domain} to replace ptr with ip4:/ip6: ranges.`);
    }
  }
  for (const node of flatten(walk.tree).filter((node) => node.problem && node !== walk.tree)) {
    if (node.notChecked) {
      // unknown is not broken: no "remove the include" for a name the zone simply does not hold
      run.find(
        FAMILY,
        'spf-include-not-checked',
        'info',
        `${node.via} ${node.domain}: ${node.problem}.`,
        'Its records are not available here, so whether it is valid, and the lookups it costs, are not known.',
        run.dns.networked ? 'Run the audit again when DNS answers.' : `Check against real DNS (system DNS or --dns), or add the records of ${node.domain} to the zone.`,
      );
      continue;
    }
    run.find(FAMILY, 'spf-include-broken', 'error', `${node.via} ${node.domain}: ${node.problem}.`, 'A broken include makes SPF a permerror for every message.', `Fix or remove the ${node.via} of ${node.domain}.`);
  }
  return {
    outcome: { status: run.statusOf(FAMILY), summary: `${flatten(walk.tree).some((node) => node.notChecked) ? 'at least ' : ''}${walk.lookups}/10 lookups, ${walk.voids}/2 void lookups, ends with ${all?.text ?? (hasRedirect ? 'a redirect' : 'no all')}.`, records: [record] },
    tree: walk.tree,
  };
}

function flatten(node: SpfNode): SpfNode[] {
  return [node, ...node.children.flatMap(flatten)];
}
