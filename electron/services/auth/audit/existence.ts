import { DnsLookupError, NOT_IN_ZONE } from '../../dns/resolver';
import { type AuditRun, notChecked, type SectionOutcome } from './run';

/**
 * Whether the domain exists in the DNS being asked. Every other section reads "no record"
 * for a name that does not exist, so this says the real reason once, up front.
 */
export async function auditExistence(run: AuditRun): Promise<SectionOutcome> {
  try {
    const servers = (await run.dns.resolve(run.domain, 'NS')) as string[];
    return { status: 'pass', summary: `Delegated to ${servers.join(', ')}.`, records: servers };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERROR';
    if (code === 'ENODATA') return { status: 'pass', summary: `${run.domain} exists (no NS records of its own: it is part of its parent's zone).` };
    if (error instanceof DnsLookupError && error.detail === NOT_IN_ZONE) {
      run.find('domain', 'domain-not-in-zone', 'info', `${run.domain} is not in the offline zone: its records are not checked.`, 'The zone declares other origins; names outside them are unknown here, not missing.', `Add the records of ${run.domain} to the zone ($ORIGIN ${run.domain}. and the names under it), or audit against real DNS.`);
      return notChecked('not in the offline zone');
    }
    if (code !== 'ENOTFOUND') return notChecked(`DNS did not answer (${code}); the other sections may be incomplete`);
    run.find(
      'domain',
      'domain-not-found',
      'error',
      `${run.domain} does not exist in ${run.dns.networked ? 'DNS' : 'the offline zone'} (NXDOMAIN).`,
      'Every record below is missing because the name itself is: mail from it is rejected everywhere.',
      run.dns.networked
        ? 'Check the spelling. If the domain does exist, the DNS server being asked does not know it: choose another server, or an offline zone with its records.'
        : 'Add the domain\'s records to the zone ($ORIGIN and the names under it).',
    );
    return { status: 'error', summary: 'The domain does not exist (NXDOMAIN).' };
  }
}
