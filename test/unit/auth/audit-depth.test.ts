import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';
import { tlsRptProblems } from '../../../electron/services/auth/audit/policies';
import { auditDomain } from '../../../electron/services/auth/domain-audit';
import { openDns } from '../../../electron/services/dns/source';

const zone = `$ORIGIN example.com.
@               IN SOA ns1 hostmaster 1 3600 900 604800 300
@               IN NS ns1
ns1             IN A 192.0.2.53
@               IN TXT "v=spf1 include:_spf.example.com -all"
_spf            IN TXT "v=spf1 ptr include:open.example.com ~all"
open            IN TXT "v=spf1 +all"
_dmarc          IN TXT "v=DMARC1; p=reject; rua=mailto:d@nomail.example.com,mailto:e@nullmx.example.com"
nullmx          IN MX 0 .
_smtp._tls      IN TXT "v=TLSRPT1; rua=mailto:tls@example.com"
_mta-sts        IN TXT "v=STSv1; id=2026a"
$ORIGIN example.net.
@               IN TXT "v=spf1 -all"
_smtp._tls      IN TXT "v=TLSRPTv1 rua=mailto:tls@example.net"
`;

const audit = (domain: string) => auditDomain(openDns({ mode: 'zone', zone }), { domain, selectors: [], ips: [] });
const byRule = (findings: Array<{ rule: string; message: string }>, rule: string) => findings.filter((finding) => finding.rule === rule).map((finding) => finding.message);

describe('audit depth', () => {
  it('walks includes for +all and ptr', async () => {
    const { findings } = await audit('example.com');
    expect(byRule(findings, 'spf-include-plus-all')).toEqual(['include open.example.com ends with +all.']);
    expect(byRule(findings, 'spf-include-ptr')).toEqual(['include _spf.example.com uses the ptr mechanism.']);
  });

  it('reads TLS-RPT syntax errors as errors, not as "no record"', async () => {
    const com = await audit('example.com');
    expect(byRule(com.findings, 'tls-rpt-missing')).toEqual([]);
    expect(byRule(com.findings, 'tls-rpt-syntax')).toEqual(['TLS-RPT record: "v=TLSRPT1" is not v=TLSRPTv1 (the version is exact, case included).']);
    const net = await audit('example.net');
    expect(byRule(net.findings, 'tls-rpt-syntax')).toEqual(['TLS-RPT record: "v=TLSRPTv1 rua=mailto:tls@example.net": a ";" is missing after v=TLSRPTv1.']);
    expect(tlsRptProblems('v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/tls')).toEqual([]);
    expect(tlsRptProblems('v=TLSRPTv1; rua=tls@example.com')).toEqual(['rua= has "tls@example.com", which is not a mailto: address or an https: URL.']);
  });

  it('says when the MTA-STS policy host does not resolve, even offline', async () => {
    const { findings } = await audit('example.com');
    expect(byRule(findings, 'mta-sts-host')).toEqual(['The policy host mta-sts.example.com does not resolve (no A or AAAA).']);
  });

  it('checks that DMARC report destinations can receive mail', async () => {
    const { findings } = await audit('example.com');
    expect(byRule(findings, 'dmarc-rua-no-mx')).toEqual(['Reports go to d@nomail.example.com, but nomail.example.com has no MX and no address: no report can be delivered.']);
    expect(byRule(findings, 'dmarc-rua-null-mx')).toEqual(['Reports go to e@nullmx.example.com, but nullmx.example.com publishes a null MX: it receives no mail.']);
  });

  it('reports name servers and SOA, and says DNSSEC cannot be known from an offline zone', async () => {
    const report = await audit('example.com');
    const section = report.sections.find((entry) => entry.id === 'dns')!;
    expect(section.summary).toBe('1 name server(s) for example.com; DNSSEC not checked: an offline zone holds no DNSSEC records.');
    expect(section.records).toEqual(['example.com NS ns1.example.com', 'example.com SOA ns1.example.com hostmaster.example.com 1']);
    expect(byRule(report.findings, 'ns-single')).toEqual(['example.com has 1 name server.']);
  });

  it('mailbench dns audits several domains in one run: text one after another, JSON as an array', async () => {
    const data = tempDir();
    afterAll(() => data.cleanup());
    writeFileSync(join(data.dir, 'two.zone'), zone);
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(['dns', ...args], { out: (text) => out.push(text), err: () => {}, isTty: false, env: {}, cwd: data.dir });
      return { code, stdout: out.join('\n') };
    };
    const json = await cli('example.com', 'example.net', '--zone', 'two.zone', '--json');
    expect((JSON.parse(json.stdout) as Array<{ domain: string }>).map((report) => report.domain)).toEqual(['example.com', 'example.net']);
    expect(json.code).toBe(1);
    const text = await cli('example.com', 'example.net', '--zone', 'two.zone');
    expect(text.stdout).toMatch(/^Domain audit of example\.com\n[\s\S]*\n\nDomain audit of example\.net\n/);
    const single = await cli('example.net', '--zone', 'two.zone', '--json');
    expect(JSON.parse(single.stdout)).toMatchObject({ domain: 'example.net' });
  });
});
