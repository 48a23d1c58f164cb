import { isIPv4 } from 'node:net';
import type { MxAnswer } from '../../dns/resolver';
import { type AuditRun, notChecked, type SectionOutcome } from './run';
import { probeStartTls } from './smtp-probe';

/** The reverse-DNS name of an IP (in-addr.arpa or nibble ip6.arpa). */
export function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return `${expandIpv6(ip).split('').reverse().join('.')}.ip6.arpa`;
}

export function expandIpv6(ip: string): string {
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = ip.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array<string>(ip.includes('::') ? missing : 0).fill('0'), ...tailParts].map((part) => part.padStart(4, '0')).join('');
}

/** MX records: present, or a null MX (RFC 7505), and every exchange resolving to an address. */
export async function auditMx(run: AuditRun): Promise<{ outcome: SectionOutcome; hosts: string[] }> {
  let mx: MxAnswer[];
  try {
    mx = (await run.dns.resolve(run.domain, 'MX')) as MxAnswer[];
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERROR';
    if (code !== 'ENOTFOUND' && code !== 'ENODATA') return { outcome: notChecked(`DNS error ${code}`), hosts: [] };
    run.find('mx', 'mx-missing', 'warning', `${run.domain} has no MX record.`, 'Replies and bounces fall back to the A record or fail; some receivers distrust From domains that cannot receive mail.', `Publish an MX for ${run.domain}, or a null MX ("0 .") if it never receives mail.`);
    return { outcome: { status: 'warning', summary: 'No MX record.' }, hosts: [] };
  }
  const sorted = [...mx].sort((a, b) => a.priority - b.priority);
  const records = sorted.map((entry) => `${entry.priority} ${entry.exchange || '.'}`);
  if (sorted.some((entry) => entry.exchange === '' || entry.exchange === '.')) {
    if (sorted.length > 1) run.find('mx', 'mx-null-mixed', 'error', 'A null MX is published together with other MX records.', 'RFC 7505: a null MX must be the only MX record.', 'Remove either the null MX or the others.');
    else run.find('mx', 'mx-null', 'info', `${run.domain} publishes a null MX: it receives no mail.`, 'Bounces and replies to this domain cannot be delivered; fine for a send-only subdomain if MAIL FROM uses another domain.', 'Use a MAIL FROM (bounce) domain that has MX records.');
    return { outcome: { status: run.statusOf('mx') === 'pass' ? 'info' : run.statusOf('mx'), summary: 'Null MX.', records }, hosts: [] };
  }
  const hosts: string[] = [];
  for (const entry of sorted) {
    const addresses = [...(await run.resolveOrEmpty<string>(entry.exchange, 'A')), ...(await run.resolveOrEmpty<string>(entry.exchange, 'AAAA'))];
    if (addresses.length === 0) run.find('mx', 'mx-no-address', 'error', `The MX host ${entry.exchange} has no A or AAAA record.`, 'Mail to the domain cannot be delivered to this host.', `Publish an address for ${entry.exchange} or remove the MX.`);
    else hosts.push(entry.exchange);
  }
  return { outcome: { status: run.statusOf('mx'), summary: `${sorted.length} MX host(s).`, records }, hosts };
}

/** PTR and forward-confirmed reverse DNS of the sending IPs: what Gmail, Yahoo and Microsoft require. */
export async function auditPtr(run: AuditRun, ips: string[]): Promise<SectionOutcome> {
  if (ips.length === 0) return { status: 'info', summary: 'No sending IPs given: enter them to check PTR and forward-confirmed reverse DNS.' };
  const records: string[] = [];
  for (const ip of ips) {
    const names = await run.resolveOrEmpty<string>(reverseName(ip), 'PTR');
    if (names.length === 0) {
      run.find('ptr', 'ptr-missing', 'error', `${ip} has no PTR record.`, 'Gmail and Yahoo require sending IPs to have reverse DNS; many receivers reject mail from IPs without it.', `Ask whoever owns ${ip} (your host or ESP) to set a PTR to a name under your domain that resolves back to ${ip}.`);
      continue;
    }
    records.push(`${ip} → ${names.join(', ')}`);
    let confirmed = false;
    for (const name of names) {
      const forward = await run.resolveOrEmpty<string>(name, isIPv4(ip) ? 'A' : 'AAAA');
      if (forward.some((address) => address.toLowerCase() === ip.toLowerCase())) confirmed = true;
    }
    if (!confirmed) run.find('ptr', 'ptr-not-confirmed', 'error', `${ip} → ${names[0]} does not resolve back to ${ip}.`, 'Forward-confirmed reverse DNS (FCrDNS) fails; receivers treat the IP like one without PTR.', `Add an A/AAAA record for ${names[0]} pointing to ${ip}.`);
    const generic = names.find((name) => /(\d{1,3}[-.]){3}\d{1,3}|dynamic|dhcp|pool|dsl|cable|broadband/i.test(name));
    if (generic) run.find('ptr', 'ptr-generic', 'warning', `${ip}'s PTR ${generic} looks like a generic or residential name.`, 'Receivers score generic reverse names as likely botnet sources.', 'Use a PTR like mail.yourdomain.com.');
  }
  return { status: run.statusOf('ptr'), summary: `${ips.length} IP(s) checked.`, records };
}

/** STARTTLS and the certificate of each MX host, when the network allows it. */
export async function auditStartTls(run: AuditRun, hosts: string[]): Promise<SectionOutcome> {
  if (!run.dns.networked) return notChecked('network checks are off with an offline zone (choose system DNS or a server)');
  if (hosts.length === 0) return notChecked('no MX host to connect to');
  const targets = await Promise.all(hosts.slice(0, 3).map(async (host) => ({ host, ip: (await run.resolveOrEmpty<string>(host, 'A'))[0] })));
  const probes = await Promise.all(targets.filter((target) => target.ip).map(async (target) => ({ ...target, probe: await probeStartTls(target.host, target.ip!, run.network.smtpPort, run.network.timeoutMs) })));
  if (probes.length === 0) return notChecked('the MX hosts have no IPv4 address to connect to');
  const reachable = probes.filter((entry) => entry.probe.kind !== 'unreachable');
  if (reachable.length === 0) return notChecked(`network unreachable (${probes.map((entry) => (entry.probe.kind === 'unreachable' ? entry.probe.reason : '')).join('; ')})`);
  const records: string[] = [];
  for (const { host, probe } of probes) {
    if (probe.kind === 'no-starttls') run.find('starttls', 'starttls-missing', 'error', `${host} does not offer STARTTLS.`, 'Mail to the domain travels unencrypted; MTA-STS cannot be enforced.', 'Turn on STARTTLS with a valid certificate on the mail server.');
    if (probe.kind === 'tls') {
      records.push(`${host}: ${probe.protocol}, certificate ${probe.subject ?? '?'} until ${probe.validTo ?? '?'}${probe.authorized ? '' : ` (${probe.authorizationError})`}`);
      if (!probe.authorized) run.find('starttls', 'starttls-certificate', 'warning', `${host}'s certificate does not validate: ${probe.authorizationError}.`, 'Senders that require valid certificates (MTA-STS enforce, DANE) will not deliver.', `Install a certificate for ${host} from a public CA.`);
    }
    if (probe.kind === 'unreachable') records.push(`${host}: not checked (${probe.reason})`);
  }
  return { status: run.statusOf('starttls'), summary: `${reachable.length} of ${probes.length} MX host(s) answered.`, records };
}
