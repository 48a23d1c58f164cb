import { describe, expect, it } from 'vitest';
import { parseAuthResults } from '../../../electron/services/seeds/auth-results';
import { headerValue, readHeaders } from '../../../electron/services/seeds/headers';
import { foldersToSearch, gmailTabQuery } from '../../../electron/services/seeds/mailbox';

describe('Authentication-Results', () => {
  it('reads the verdicts a Gmail receiver stamps', () => {
    const value = 'mx.google.com;\r\n       dkim=pass header.i=@shop.example header.s=s1 header.b=AbCd;\r\n       spf=pass (google.com: domain of bounce@shop.example designates 1.2.3.4 as permitted sender) smtp.mailfrom=bounce@shop.example;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=shop.example';
    expect(parseAuthResults(value)).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
  });

  it('passes DKIM when any signature passed, and keeps failures as they are', () => {
    expect(parseAuthResults('mx.example; dkim=fail header.d=esp.example; dkim=pass header.d=shop.example; spf=softfail smtp.mailfrom=a@b.example; dmarc=fail header.from=shop.example')).toEqual({ spf: 'softfail', dkim: 'pass', dmarc: 'fail' });
    expect(parseAuthResults('mx.example; dkim=none; spf=none')).toEqual({ spf: 'none', dkim: 'none' });
    expect(parseAuthResults('mx.example; none')).toEqual({});
  });
});

describe('header blocks', () => {
  it('unfolds continuation lines and keeps the first of repeated fields', () => {
    const fields = readHeaders('Authentication-Results: mx.one;\r\n spf=pass\r\nX-Mailbench-Test-Id: mb-1\r\nAuthentication-Results: mx.two; spf=fail\r\n\r\n');
    expect(headerValue(fields, 'authentication-results')).toBe('mx.one; spf=pass');
    expect(headerValue(fields, 'X-MAILBENCH-TEST-ID')).toBe('mb-1');
  });
});

describe('which folders to search', () => {
  it('looks in \\Junk folders first, then folders with known spam names, then the inbox', () => {
    const list = [
      { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
      { path: 'Archive', name: 'Archive', specialUse: '\\Archive' },
      { path: 'Bulk Mail', name: 'Bulk Mail', specialUse: '' },
      { path: '[Gmail]/Spam', name: 'Spam', specialUse: '\\Junk' },
    ];
    expect(foldersToSearch(list)).toEqual([
      { path: '[Gmail]/Spam', kind: 'spam' },
      { path: 'Bulk Mail', kind: 'spam' },
      { path: 'INBOX', kind: 'inbox' },
    ]);
  });

  it('finds an Outlook-style Junk Email folder without special-use flags', () => {
    expect(foldersToSearch([{ path: 'Inbox', name: 'Inbox', specialUse: '' }, { path: 'Junk Email', name: 'Junk Email', specialUse: '' }])).toEqual([
      { path: 'Junk Email', kind: 'spam' },
      { path: 'Inbox', kind: 'inbox' },
    ]);
  });
});

describe('Gmail tabs', () => {
  it('builds the X-GM-RAW query for one message in one tab', () => {
    expect(gmailTabQuery('promotions', '<mb-abcdef012345-00001@shop.example>')).toBe('category:promotions rfc822msgid:mb-abcdef012345-00001@shop.example');
    expect(gmailTabQuery('social', 'mb-abcdef012345-00002@shop.example')).toBe('category:social rfc822msgid:mb-abcdef012345-00002@shop.example');
  });
});
