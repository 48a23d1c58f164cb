import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messageBytes } from '../../../electron/services/auth/message-bytes';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { openDns } from '../../../electron/services/dns/source';
import { readOpenableFile } from '../../../electron/services/shell/open-file';
import { messageText } from '../../../shared/shell/message-text';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dkim-8bit/${name}`, import.meta.url));
const signed = readFileSync(fixture('signed.eml'));
const zone = readFileSync(fixture('latin1.example.org.zone'), 'utf8');

/** The message check the Authentication panel runs, on a message string and its encoding as the UI sends them. */
async function dkimOf(text: string, encoding: 'text' | 'latin1') {
  const report = await verifyMessage(openDns({ mode: 'zone', zone }), { message: messageBytes(text, encoding), ip: '192.0.2.80', helo: 'mail.latin1.example.org', mailFrom: 'rene@latin1.example.org', useReceived: false, strict: true });
  return report.dkim.map((row) => row.result);
}

describe('a message file opened in the app (picker, window drop, menu) is read as bytes', () => {
  it('keeps an 8-bit latin-1 message one character per byte, so the Mail::DKIM signature still verifies', async () => {
    const read = messageText(signed);
    expect(read.encoding).toBe('latin1');
    expect(Buffer.from(read.text, 'latin1').equals(signed)).toBe(true);
    expect(await dkimOf(read.text, read.encoding)).toEqual(['pass']);
    // what file.text() did before: UTF-8 decoding turns the 8-bit bytes into U+FFFD
    expect(await dkimOf(new TextDecoder().decode(signed), 'text')).toEqual(['fail']);
  });

  it('leaves a UTF-8 message as text', () => {
    const bytes = Buffer.from('Subject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n', 'utf8');
    expect(messageText(bytes)).toEqual({ text: 'Subject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n', encoding: 'text' });
  });

  it('the desktop menu\'s Open hands the UI the same latin1 string and says so', async () => {
    const opened = await readOpenableFile(fixture('signed.eml'));
    expect(opened).toMatchObject({ kind: 'message', encoding: 'latin1' });
    expect(Buffer.from(opened.content, 'latin1').equals(signed)).toBe(true);
  });
});
