import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../shared/external-url';

/** The app's one gate before shell.openExternal (electron/adapters/external.ts calls only this). */
describe('openExternal refuses everything but http, https and mailto', () => {
  it('opens ordinary web and mail links', () => {
    for (const url of ['https://example.com/', 'http://example.com/a?b=c#d', 'mailto:someone@example.com?subject=Hi', 'HTTPS://EXAMPLE.COM/']) {
      expect(checkExternalUrl(url), url).toMatchObject({ ok: true });
    }
  });

  it('refuses the schemes and tricks that turn a link into code or file access', () => {
    const hostile = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      '\\\\server\\share\\x.exe',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'ms-officecmd:{}',
      'zoommtg://x',
      'steam://run/1',
      'x-apple.systempreferences:',
      'app://mailbench/index.html',
      'chrome://settings',
      'about:blank',
      'blob:https://example.com/uuid',
      'https://user:password@example.com/',
      'https://user@example.com/',
      '/relative/path',
      '//example.com/protocol-relative',
      'example.com',
      '',
      'a'.repeat(10_000),
    ];
    for (const url of hostile) expect(checkExternalUrl(url).ok, JSON.stringify(url.slice(0, 60))).toBe(false);
  });

  it('opens mail links with subject, body, cc and bcc only: attach and other fields would attach local files', () => {
    const fine = 'mailto:someone@example.com?subject=Hi%20there&body=Line%201%0D%0ALine%202&cc=a@example.com&BCC=b@example.com';
    expect(checkExternalUrl(fine)).toMatchObject({ ok: true });
    for (const field of ['attach', 'attachment', 'Attach', '%61ttach', 'to', 'from', 'in-reply-to', 'x-mailer', '__proto__']) {
      const verdict = checkExternalUrl(`mailto:someone@example.com?subject=Hi&${field}=/home/me/.ssh/id_rsa`);
      expect(verdict, field).toMatchObject({ ok: false, reason: expect.stringMatching(/^Mail links with a ".+" field are not opened; only subject, body, cc and bcc are\.$/) });
    }
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, [], { href: 'https://example.com' }, new URL('https://example.com')]) {
      expect(checkExternalUrl(value).ok).toBe(false);
    }
  });

  it('allows a scheme only if it is http, https or mailto, for any generated scheme (property)', () => {
    const scheme = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,15}$/);
    fc.assert(
      fc.property(scheme, fc.webPath(), (name, path) => {
        const verdict = checkExternalUrl(`${name}://example.com${path}`);
        if (verdict.ok) expect(['http:', 'https:', 'mailto:']).toContain(new URL(verdict.url).protocol);
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets through a URL whose parsed form is not http, https or mailto, for any string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'binary' })), (raw) => {
        const verdict = checkExternalUrl(raw);
        if (!verdict.ok) {
          expect(verdict.reason.length).toBeGreaterThan(0);
          return;
        }
        const url = new URL(verdict.url);
        expect(['http:', 'https:', 'mailto:']).toContain(url.protocol);
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 3000 },
    );
  });
});
