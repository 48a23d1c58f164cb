import { useState } from 'react';
import type { BuiltRecord, DkimAlgorithm, DkimKeyView } from '../../../../shared/contract/auth';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { Button } from '../../ui/Button';
import { Badge, Failure, splitList, useAction } from './parts';

function Built({ built }: { built: BuiltRecord }) {
  return (
    <div className="auth-built">
      <p>
        Publish TXT at <span className="mono">{built.name}</span>:
      </p>
      <pre className="mono auth-record" data-testid="built-record">{built.record}</pre>
      <ul className="auth-findings">
        {built.findings.map((finding, index) => (
          <li key={index}>
            <Badge result={finding.severity === 'error' ? 'fail' : finding.severity} /> {finding.message} <span className="auth-fix">{finding.fix}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DkimKeys() {
  const [domain, setDomain] = useState('');
  const [selector, setSelector] = useState('');
  const [algorithm, setAlgorithm] = useState<DkimAlgorithm>('rsa-sha256');
  const [keys, reload] = useLoad(() => client.call('auth.dkimList', {}), []);
  const [generated, generate] = useAction(async () => {
    const key = await client.call('auth.dkimGenerate', { domain: domain.trim(), selector: selector.trim(), algorithm });
    reload();
    return key;
  });
  const [roundTrip, runRoundTrip] = useAction(async (key: DkimKeyView) => ({ key, ...(await client.call('auth.dkimRoundTrip', { id: key.id })) }));
  const remove = async (key: DkimKeyView) => {
    await client.call('auth.dkimDelete', { id: key.id });
    reload();
  };
  return (
    <section aria-labelledby="dkim-keys-title">
      <h2 id="dkim-keys-title">DKIM keys</h2>
      <p className="auth-muted">The private key is stored encrypted and used to sign seed sends; publish the TXT record where your DNS is hosted.</p>
      <div className="auth-row">
        <label className="auth-field">
          <span>Domain</span>
          <input className="mono" value={domain} onChange={(event) => setDomain(event.target.value)} placeholder="example.com" />
        </label>
        <label className="auth-field">
          <span>Selector</span>
          <input className="mono" value={selector} onChange={(event) => setSelector(event.target.value)} placeholder="mb2026" />
        </label>
        <label className="auth-field">
          <span>Key type</span>
          <select value={algorithm} onChange={(event) => setAlgorithm(event.target.value as DkimAlgorithm)}>
            <option value="rsa-sha256">RSA 2048</option>
            <option value="ed25519-sha256">Ed25519</option>
          </select>
        </label>
        <Button variant="primary" disabled={!domain.trim() || !selector.trim() || generated.state === 'running'} onClick={() => void generate()}>
          Generate key
        </Button>
      </div>
      {generated.state === 'failed' && <Failure error={generated.error} />}
      {keys.state === 'ready' && keys.value.length > 0 && (
        <ul className="auth-keys">
          {keys.value.map((key) => (
            <li key={key.id}>
              <strong className="mono">{key.dnsName}</strong> {key.algorithm === 'ed25519-sha256' ? 'Ed25519' : `RSA ${key.bits}`}
              <pre className="mono auth-record">{key.zoneLine}</pre>
              <Button onClick={() => void runRoundTrip(key)}>Sign and verify a test message</Button> <Button variant="ghost" onClick={() => void remove(key)}>Delete</Button>
              {roundTrip.state === 'done' && roundTrip.value.key.id === key.id && (
                <p>
                  <Badge result={roundTrip.value.result} /> round trip{roundTrip.value.coversListUnsubscribePost ? ', List-Unsubscribe-Post signed' : ''}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {roundTrip.state === 'failed' && <Failure error={roundTrip.error} />}
    </section>
  );
}

function SpfBuilder() {
  const [domain, setDomain] = useState('');
  const [ip4, setIp4] = useState('');
  const [ip6, setIp6] = useState('');
  const [includes, setIncludes] = useState('');
  const [mx, setMx] = useState(false);
  const [all, setAll] = useState<'-all' | '~all' | '?all' | '+all'>('~all');
  const [built, build] = useAction(() => client.call('auth.buildSpf', { domain: domain.trim(), ip4: splitList(ip4), ip6: splitList(ip6), includes: splitList(includes), mx, all }));
  return (
    <section aria-labelledby="spf-builder-title">
      <h2 id="spf-builder-title">SPF record</h2>
      <div className="auth-row">
        <label className="auth-field"><span>Domain</span><input className="mono" value={domain} onChange={(event) => setDomain(event.target.value)} /></label>
        <label className="auth-field"><span>IPv4 ranges</span><input className="mono" value={ip4} onChange={(event) => setIp4(event.target.value)} placeholder="192.0.2.0/24" /></label>
        <label className="auth-field"><span>IPv6 ranges</span><input className="mono" value={ip6} onChange={(event) => setIp6(event.target.value)} /></label>
        <label className="auth-field"><span>Includes</span><input className="mono" value={includes} onChange={(event) => setIncludes(event.target.value)} placeholder="_spf.google.com" /></label>
      </div>
      <div className="auth-row">
        <label className="auth-check"><input type="checkbox" checked={mx} onChange={(event) => setMx(event.target.checked)} /> The domain's MX hosts send mail</label>
        <label className="auth-field">
          <span>Other servers</span>
          <select value={all} onChange={(event) => setAll(event.target.value as typeof all)}>
            <option value="~all">~all (softfail, with DMARC)</option>
            <option value="-all">-all (fail)</option>
            <option value="?all">?all (neutral)</option>
            <option value="+all">+all (anyone: never)</option>
          </select>
        </label>
        <Button variant="primary" disabled={!domain.trim()} onClick={() => void build()}>Build SPF</Button>
      </div>
      {built.state === 'failed' && <Failure error={built.error} />}
      {built.state === 'done' && <Built built={built.value} />}
    </section>
  );
}

function DmarcBuilder() {
  const [domain, setDomain] = useState('');
  const [p, setP] = useState<'none' | 'quarantine' | 'reject'>('none');
  const [rua, setRua] = useState('');
  const [strictAlignment, setStrictAlignment] = useState(false);
  const [testing, setTesting] = useState(false);
  const [built, build] = useAction(() =>
    client.call('auth.buildDmarc', { domain: domain.trim(), p, rua: splitList(rua), ruf: [], adkim: strictAlignment ? 's' : 'r', aspf: strictAlignment ? 's' : 'r', ...(testing ? { t: true } : {}) }),
  );
  return (
    <section aria-labelledby="dmarc-builder-title">
      <h2 id="dmarc-builder-title">DMARC record</h2>
      <div className="auth-row">
        <label className="auth-field"><span>Domain</span><input className="mono" value={domain} onChange={(event) => setDomain(event.target.value)} /></label>
        <label className="auth-field">
          <span>Policy</span>
          <select value={p} onChange={(event) => setP(event.target.value as typeof p)}>
            <option value="none">none (monitor)</option>
            <option value="quarantine">quarantine</option>
            <option value="reject">reject</option>
          </select>
        </label>
        <label className="auth-field"><span>Aggregate reports to</span><input className="mono" value={rua} onChange={(event) => setRua(event.target.value)} placeholder="dmarc@example.com" /></label>
      </div>
      <div className="auth-row">
        <label className="auth-check"><input type="checkbox" checked={strictAlignment} onChange={(event) => setStrictAlignment(event.target.checked)} /> Strict alignment</label>
        <label className="auth-check"><input type="checkbox" checked={testing} onChange={(event) => setTesting(event.target.checked)} /> Test mode (t=y)</label>
        <Button variant="primary" disabled={!domain.trim()} onClick={() => void build()}>Build DMARC</Button>
      </div>
      {built.state === 'failed' && <Failure error={built.error} />}
      {built.state === 'done' && <Built built={built.value} />}
    </section>
  );
}

export function Builders() {
  return (
    <div className="auth-tab">
      <DkimKeys />
      <SpfBuilder />
      <DmarcBuilder />
    </div>
  );
}
