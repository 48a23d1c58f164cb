import { Tabs } from 'radix-ui';
import { useEffect, useState } from 'react';
import type { AuditReport, MessageReport } from '../../../../shared/contract/auth';
import { incomingStore } from '../../state/incoming';
import type { MessageText } from '../../../../shared/shell/message-text';
import { useStore } from '../../state/store';
import { Builders } from './Builders';
import { DomainAudit } from './DomainAudit';
import { dnsStore } from '../../state/dns';
import { type DnsChoice, dnsSource, DnsSourcePicker } from './DnsSourcePicker';
import { History, type Rerun } from './History';
import { MessageCheck } from './MessageCheck';
import { BulkSenderView } from './MessageReportView';
import { Verdict } from './parts';
import { ZoneEditor, type ZoneState } from './ZoneEditor';
import './auth.css';

const STARTER_ZONE = `$ORIGIN example.com.
$TTL 3600
; Records you have not published yet: checks in "Offline zone" mode answer only from here.
@         IN MX  10 mail
@         IN TXT "v=spf1 ip4:192.0.2.0/24 ~all"
mail      IN A   192.0.2.25
_dmarc    IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
`;

type Tab = 'message' | 'domain' | 'zone' | 'builders' | 'history';

/** Authentication: verify a message, audit a domain, type DNS before publishing it, build records, re-run past checks. */
export default function AuthPanel() {
  const [tab, setTab] = useState<Tab>('message');
  const [zone, setZone] = useState<ZoneState>(() => ({ text: dnsStore.get().zoneText || STARTER_ZONE, records: 0 }));
  // The choice and the zone live in a shared store: other tools that look DNS up answer from the same place.
  const choice = useStore(dnsStore, (state) => state.choice);
  const setChoice = (next: DnsChoice) => dnsStore.set({ choice: next });
  useEffect(() => dnsStore.set({ zoneText: zone.text }), [zone.text]);
  const [raw, setRaw] = useState('');
  const [opened, setOpened] = useState<MessageText>();
  const [message, setMessage] = useState<MessageReport>();
  const [audit, setAudit] = useState<AuditReport>();
  const [rerun, setRerun] = useState<Rerun>();
  const dns = dnsSource(choice, zone.text);
  // an .eml or .zone opened from the menu or dropped anywhere on the window comes here through the shell
  const incoming = useStore(incomingStore, (state) => state.file);
  useEffect(() => {
    if (!incoming) return;
    if (incoming.kind === 'message') {
      setRaw(incoming.content);
      setOpened({ text: incoming.content, encoding: incoming.encoding ?? 'text' });
      setTab('message');
    } else {
      setZone({ text: incoming.content, records: 0 });
      setTab('zone');
    }
    incomingStore.set({ file: undefined });
  }, [incoming]);
  const onRerun = (result: Rerun) => {
    setRerun(result);
    if (result.kind === 'message') {
      setMessage(result.report);
      setTab('message');
    } else if (result.kind === 'domain') {
      setAudit(result.report);
      setTab('domain');
    }
  };
  return (
    <section className="panel auth-panel" aria-labelledby="auth-title">
      <h1 id="auth-title">Authentication</h1>
      <DnsSourcePicker value={choice} onChange={setChoice} zoneRecords={zone.records} />
      {zone.error && (choice.mode === 'zone' || choice.mode === 'layered') && (
        <p role="alert" className="auth-problem">
          The zone has an error on line {zone.error.details?.line}: fix it in the Zone tab first.
        </p>
      )}
      <Tabs.Root value={tab} onValueChange={(value) => setTab(value as Tab)}>
        <Tabs.List className="auth-tabs" aria-label="Authentication tools">
          <Tabs.Trigger value="message">Message</Tabs.Trigger>
          <Tabs.Trigger value="domain">Domain audit</Tabs.Trigger>
          <Tabs.Trigger value="zone">Zone{zone.error ? ' ⚠' : ''}</Tabs.Trigger>
          <Tabs.Trigger value="builders">Builders</Tabs.Trigger>
          <Tabs.Trigger value="history">History</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="message">
          <MessageCheck dns={dns} raw={raw} onRaw={setRaw} opened={opened} shown={message} onShown={setMessage} />
        </Tabs.Content>
        <Tabs.Content value="domain">
          <DomainAudit dns={dns} shown={audit} onShown={setAudit} />
        </Tabs.Content>
        <Tabs.Content value="zone" forceMount hidden={tab !== 'zone'}>
          <ZoneEditor value={zone} onChange={setZone} />
        </Tabs.Content>
        <Tabs.Content value="builders">
          <Builders />
        </Tabs.Content>
        <Tabs.Content value="history">
          <History onRerun={onRerun} />
          {rerun?.kind === 'spf' && <Verdict title={`SPF ${rerun.report.domain}`} result={rerun.report.result} why={rerun.report.why} fix={rerun.report.fix} trail={rerun.report.trail} />}
          {rerun?.kind === 'bulk' && <BulkSenderView report={rerun.report} />}
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
