import { type AuditRun, notChecked, type SectionOutcome } from './run';

const FAMILY = 'dns';
/** Labels removed at most while looking for the zone the domain lives in. */
const MAX_PARENTS = 6;

/** The nearest name at or above the domain that has NS records: the apex of its zone, or undefined. */
async function zoneApex(run: AuditRun): Promise<{ apex: string; servers: string[] } | { error: string } | undefined> {
  let name = run.domain;
  for (let step = 0; step <= MAX_PARENTS && name.includes('.'); step++) {
    try {
      return { apex: name, servers: (await run.dns.resolve(name, 'NS')) as string[] };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      if (code !== 'ENOTFOUND' && code !== 'ENODATA') return { error: code };
    }
    name = name.slice(name.indexOf('.') + 1);
  }
  return undefined;
}

/**
 * The basics of the domain's DNS: the zone it lives in, at least two name servers that
 * resolve (RFC 1034 4.1), an SOA, and whether the zone is signed (a DS record at the parent).
 */
export async function auditNameServers(run: AuditRun): Promise<SectionOutcome> {
  const found = await zoneApex(run);
  // a typed zone usually holds only the records being tried: no NS there is not a broken delegation
  if (found === undefined && !run.dns.networked) return notChecked('the offline zone holds no NS records');
  if (found === undefined) {
    run.find(FAMILY, 'ns-missing', 'error', `No NS records at ${run.domain} or above it.`, 'Without name servers the domain cannot be resolved by anyone.', 'Delegate the domain to name servers at your registrar.');
    return { status: 'error', summary: 'No name servers.' };
  }
  if ('error' in found) return notChecked(`DNS error ${found.error}`);
  const { apex, servers } = found;
  const records = [`${apex} NS ${servers.join(', ')}`];
  if (servers.length < 2) run.find(FAMILY, 'ns-single', 'warning', `${apex} has ${servers.length} name server.`, 'RFC 1034 asks for at least two, on separate networks, so one outage does not take the domain (and its mail authentication) offline.', 'Add a second name server.');
  for (const server of servers) {
    const addresses = [...(await run.resolveOrEmpty<string>(server, 'A')), ...(await run.resolveOrEmpty<string>(server, 'AAAA'))];
    if (addresses.length === 0 && run.dns.networked) run.find(FAMILY, 'ns-no-address', 'error', `The name server ${server} has no A or AAAA record.`, 'Resolvers cannot reach it; if all name servers are like this the domain does not resolve.', `Publish an address for ${server} (glue at the registrar if it is under ${apex}).`);
  }
  const soa = await run.resolveOrEmpty<string>(apex, 'SOA');
  if (soa.length === 0 && run.dns.networked) run.find(FAMILY, 'soa-missing', 'warning', `${apex} has no SOA record.`, 'Every zone has exactly one SOA; without it negative answers cannot be cached and some resolvers fail.', `Publish the SOA of ${apex} (your DNS host does this).`);
  else records.push(`${apex} SOA ${soa[0]}`);
  let dnssec: string;
  if (!run.dns.networked) {
    dnssec = 'DNSSEC not checked: an offline zone holds no DNSSEC records';
  } else {
    try {
      const ds = (await run.dns.resolve(apex, 'DS')) as string[];
      dnssec = `signed (${ds.length} DS record(s) at the parent)`;
      records.push(...ds.map((record) => `${apex} DS ${record}`));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      if (code === 'ENODATA' || code === 'ENOTFOUND') {
        dnssec = 'not signed';
        run.find(FAMILY, 'dnssec-unsigned', 'info', `${apex} is not signed with DNSSEC (no DS record at the parent).`, 'Without DNSSEC, answers for SPF, DKIM, DMARC and MTA-STS can be forged on the path; DANE for SMTP needs it.', 'Enable DNSSEC at your DNS host and publish the DS record at the registrar.');
      } else {
        dnssec = `DNSSEC not checked: DNS error ${code}`;
      }
    }
  }
  return { status: run.statusOf(FAMILY) === 'pass' ? 'pass' : run.statusOf(FAMILY), summary: `${servers.length} name server(s) for ${apex}; ${dnssec}.`, records };
}
