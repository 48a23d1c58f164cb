import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { messageBytes } from '../../../electron/services/auth/message-bytes';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dkim-8bit/${name}`, import.meta.url));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), isTty: false, env: {}, cwd: process.cwd() });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('an 8-bit ISO-8859-1 body signed by Mail::DKIM (not mailauth)', () => {
  it('mailbench auth reads the .eml as bytes, so the body hash verifies', async () => {
    const run = await cli('auth', fixture('signed.eml'), '--zone', fixture('latin1.example.org.zone'), '--ip', '192.0.2.80', '--helo', 'mail.latin1.example.org', '--mail-from', 'rene@latin1.example.org', '--strict', '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.dkim).toEqual([expect.objectContaining({ result: 'pass', domain: 'latin1.example.org', selector: 'perl', algorithm: 'rsa-sha256', keyBits: 2048, aligned: true })]);
    expect(report.dmarc.result).toBe('pass');
    expect(run.code).toBe(0);
  });

  it('a message string from the UI keeps its bytes when it says it is latin1, and refuses a character that is not a byte', () => {
    expect(messageBytes('caf\u00e9', 'latin1')).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(messageBytes('caf\u00e9', 'text')).toEqual(Buffer.from('café', 'utf8'));
    expect(() => messageBytes('Subject: x\n\ncaf\u20ac', 'latin1')).toThrow(/line 3 holds "€", which is not one byte/);
  });
});
