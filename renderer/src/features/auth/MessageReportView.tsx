import type { BulkSenderReport, MessageReport, SpfNode } from '../../../../shared/contract/auth';
import { Badge, Trail, Verdict } from './parts';

function SpfTree({ node }: { node: SpfNode }) {
  return (
    <li>
      <span className="mono">
        {node.via === 'top' ? '' : `${node.via} `}
        {node.domain}
      </span>{' '}
      <span className="auth-muted">({node.lookups} lookups)</span>
      {node.record && <div className="mono auth-record">{node.record}</div>}
      {node.problem && <div className={node.notChecked ? 'auth-muted' : 'auth-problem'}>{node.notChecked ? '–' : '⚠'} {node.problem}</div>}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child, index) => (
            <SpfTree key={index} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function SpfTreeView({ tree }: { tree: SpfNode }) {
  return (
    <details className="auth-tree" open>
      <summary>Include tree</summary>
      <ul>
        <SpfTree node={tree} />
      </ul>
    </details>
  );
}

/** The whole verification of a message as a readable report. */
export function MessageReportView({ report }: { report: MessageReport }) {
  const { spf, dmarc, arc, bimi } = report;
  return (
    <section className="auth-report" aria-label="Message verification">
      <p className="auth-muted">
        Checked {report.envelope.from ? `From ${report.envelope.from}, ` : ''}IP {report.envelope.ip ?? '—'}, HELO {report.envelope.helo ?? '—'}, MAIL FROM {report.envelope.mailFrom ?? '—'}
        {report.strict ? ' (strict RFC mode)' : ''}.
      </p>
      <Verdict
        title="SPF"
        result={spf.result}
        why={spf.why}
        fix={spf.fix}
        facts={[
          ['Domain', `${spf.domain || '—'} (${spf.identity === 'helo' ? 'HELO' : 'MAIL FROM'})`],
          ['Lookups', `${spf.lookups.count} of ${spf.lookups.limit}, ${spf.lookups.void} of 2 void`],
          ...(spf.explanation ? ([['Explanation', spf.explanation]] as Array<[string, string]>) : []),
        ]}
        trail={spf.trail}
      >
        {spf.tree && <SpfTreeView tree={spf.tree} />}
      </Verdict>
      {report.dkim.map((row, index) => (
        <Verdict
          key={index}
          title={row.domain ? `DKIM ${row.selector}._domainkey.${row.domain}` : 'DKIM'}
          result={row.result}
          why={row.why}
          fix={row.fix}
          notes={row.notes}
          facts={
            row.domain
              ? [
                  ['Algorithm', `${row.algorithm}${row.keyBits ? `, ${row.keyBits}-bit key` : ''}`],
                  ...(row.failure ? ([['Failed at', row.failure === 'body-hash' ? 'body hash (body changed)' : row.failure === 'signature' ? 'signature (headers or key)' : row.failure]] as Array<[string, string]>) : []),
                  ['Aligned with From', row.aligned ? 'yes' : 'no'],
                  ['Signed headers', row.signedHeaders.join(', ') || '—'],
                  ['Covers List-Unsubscribe-Post', row.coversListUnsubscribePost ? 'yes' : 'no'],
                ]
              : []
          }
          trail={row.trail}
        />
      ))}
      <Verdict
        title="DMARC"
        result={dmarc.result}
        why={dmarc.why}
        fix={dmarc.fix}
        notes={dmarc.notes}
        facts={[
          ['From domain', dmarc.domain ?? '—'],
          ...(dmarc.orgDomain && dmarc.orgDomain !== dmarc.domain ? ([['Organizational domain', dmarc.orgDomain]] as Array<[string, string]>) : []),
          ...(dmarc.policyDomain && dmarc.policyDomain !== dmarc.domain ? ([['Record found at', `_dmarc.${dmarc.policyDomain}`]] as Array<[string, string]>) : []),
          ['Policy applied', dmarc.policy ? `${dmarc.appliedTag ?? 'p'}=${dmarc.policy}${dmarc.testMode ? ' (lowered by t=y)' : ''}` : '—'],
          ['SPF alignment', alignmentText(dmarc.alignment.spf)],
          ['DKIM alignment', alignmentText(dmarc.alignment.dkim)],
          ...(dmarc.record ? ([['Record', dmarc.record]] as Array<[string, string]>) : []),
        ]}
        trail={dmarc.trail}
      />
      <Verdict title="ARC" result={arc.result} why={arc.why} fix={arc.fix} facts={arc.instances ? [['Sets', String(arc.instances)]] : []} trail={arc.trail} />
      <Verdict title="BIMI" result={bimi.result} why={bimi.why} fix={bimi.fix} facts={bimi.location ? [['Logo', bimi.location]] : []} trail={bimi.trail} />
      <h3>Authentication-Results Mailbench would stamp</h3>
      <pre className="auth-header mono" data-testid="authentication-results">{report.authenticationResults}</pre>
      <Trail lookups={report.trail} label="All DNS lookups" />
    </section>
  );
}

export function BulkSenderView({ report }: { report: BulkSenderReport }) {
  return (
    <section className="auth-bulk" aria-label="Bulk-sender requirements">
      {report.providers.map((provider) => (
        <section key={provider.provider} className="auth-verdict">
          <header>
            <h3>{provider.label}</h3>
            <Badge result={provider.passed ? 'pass' : 'fail'} />
          </header>
          <ul className="auth-requirements">
            {provider.requirements.map((item) => (
              <li key={item.id}>
                <Badge result={item.status === 'unknowable' ? 'cannot be known' : item.status} /> <strong>{item.requirement}</strong>
                <div className="auth-why">{item.why}</div>
                {item.fix && item.status !== 'pass' && <div className="auth-fix">Fix: {item.fix}</div>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

type Alignment = MessageReport['dmarc']['alignment']['spf'];
const alignmentText = ({ result, domain, strict }: Alignment): string => `${result}${domain ? ` (${domain})` : ''}, ${strict ? 'strict' : 'relaxed'}`;
