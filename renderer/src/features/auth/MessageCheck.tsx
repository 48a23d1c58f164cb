import { useRef, useState } from 'react';
import type { BulkSenderReport, DnsSource, MessageReport } from '../../../../shared/contract/auth';
import { messageText, type MessageText } from '../../../../shared/shell/message-text';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { BulkSenderView, MessageReportView } from './MessageReportView';
import { Failure, useAction } from './parts';

/** Open, drop or paste a raw message; give the envelope or take it from Received; verify. */
export interface MessageCheckProps {
  dns: DnsSource;
  /** The raw message, kept by the panel so a file opened from the menu or dropped on the window lands here. */
  raw: string;
  onRaw(raw: string): void;
  /** The message file the shell opened (menu, picker, window drop), with how its bytes were read. */
  opened?: MessageText;
  shown?: MessageReport;
  onShown(report: MessageReport): void;
}

export function MessageCheck({ dns, raw, onRaw: setRaw, opened, shown, onShown }: MessageCheckProps) {
  const [ip, setIp] = useState('');
  const [helo, setHelo] = useState('');
  const [mailFrom, setMailFrom] = useState('');
  const [useReceived, setUseReceived] = useState(false);
  const [strict, setStrict] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // a file that is not valid UTF-8 (an 8-bit latin-1 body) travels as one character per byte,
  // so DKIM hashes the bytes that were signed; once edited, the text is sent as typed (UTF-8)
  const [read, setRead] = useState<MessageText>();
  const messageEncoding = [read, opened].find((file) => file && file.text === raw)?.encoding ?? 'text';
  const input = () => ({ message: raw, messageEncoding, dns, strict, useReceived, ...(ip.trim() ? { ip: ip.trim() } : {}), ...(helo.trim() ? { helo: helo.trim() } : {}), ...(mailFrom.trim() ? { mailFrom: mailFrom.trim() } : {}) });
  const [verify, runVerify] = useAction(async () => {
    const report = await client.call('auth.verifyMessage', input());
    onShown(report);
    return report;
  });
  const [bulk, runBulk] = useAction((): Promise<BulkSenderReport> => client.call('auth.bulkSender', input()));
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const decoded = messageText(new Uint8Array(await file.arrayBuffer()));
    setRead(decoded);
    setRaw(decoded.text);
  };
  const report = verify.state === 'done' ? verify.value : shown;

  return (
    <div className="auth-tab">
      <div
        className={`auth-drop${dragging ? ' auth-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          // handled here (any file name), not by the window-wide drop that routes by extension
          event.stopPropagation();
          event.preventDefault();
          setDragging(false);
          void readFile(event.dataTransfer.files[0]);
        }}
      >
        <label className="auth-field auth-grow">
          <span>Raw message (drop an .eml here, open one, or paste the source)</span>
          <textarea className="mono" rows={10} value={raw} onChange={(event) => setRaw(event.target.value)} spellCheck={false} placeholder="Received: from …&#10;DKIM-Signature: v=1; …&#10;From: …" />
        </label>
        <input ref={fileInput} type="file" accept=".eml,message/rfc822,text/plain" hidden onChange={(event) => void readFile(event.target.files?.[0])} />
        <Button onClick={() => fileInput.current?.click()}>Open .eml…</Button>
      </div>
      <div className="auth-row">
        <label className="auth-field">
          <span>Connecting IP</span>
          <input className="mono" value={ip} onChange={(event) => setIp(event.target.value)} placeholder="192.0.2.25" />
        </label>
        <label className="auth-field">
          <span>HELO</span>
          <input className="mono" value={helo} onChange={(event) => setHelo(event.target.value)} placeholder="mail.example.com" />
        </label>
        <label className="auth-field">
          <span>MAIL FROM</span>
          <input className="mono" value={mailFrom} onChange={(event) => setMailFrom(event.target.value)} placeholder="bounce@example.com" />
        </label>
      </div>
      <div className="auth-row">
        <label className="auth-check">
          <input type="checkbox" checked={useReceived} onChange={(event) => setUseReceived(event.target.checked)} /> Take missing values from the top Received header and Return-Path
        </label>
        <label className="auth-check">
          <input type="checkbox" checked={strict} onChange={(event) => setStrict(event.target.checked)} /> Strict (every RFC to the letter)
        </label>
      </div>
      <div className="auth-row">
        <Button variant="primary" disabled={!raw.trim() || verify.state === 'running'} onClick={() => void runVerify()}>
          {verify.state === 'running' ? 'Checking…' : 'Check message'}
        </Button>
        <Button disabled={!raw.trim() || bulk.state === 'running'} onClick={() => void runBulk()}>
          {bulk.state === 'running' ? 'Checking…' : 'Bulk-sender requirements'}
        </Button>
      </div>
      {verify.state === 'failed' && <Failure error={verify.error} />}
      {bulk.state === 'failed' && <Failure error={bulk.error} />}
      {bulk.state === 'done' && <BulkSenderView report={bulk.value} />}
      {report ? (
        <MessageReportView report={report} />
      ) : (
        verify.state !== 'failed' && (
          <EmptyState title="No message checked yet" action={<Button onClick={() => fileInput.current?.click()}>Open .eml…</Button>}>
            Drop or paste a raw message with its headers, then check SPF, DKIM, DMARC, ARC and BIMI.
          </EmptyState>
        )
      )}
    </div>
  );
}
