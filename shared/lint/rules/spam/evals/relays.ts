/**
 * Received headers parsed into relays as SpamAssassin's Message/Metadata/Received.pm does (the MTA formats it knows,
 * in its order), with its trust inference when no trusted_networks are set: relays with private IPs (or
 * authenticated) are trusted until the first public one. Gives the X-Spam-Relays-* pseudo-headers and the envelope
 * sender the rules read. No DNS: only what the headers say.
 */
import type { SpamView } from '../../../message/spam-view';

export interface Relay {
  ip: string;
  rdns: string;
  helo: string;
  by: string;
  ident: string;
  envfrom?: string;
  id: string;
  auth: string;
  ipPrivate: boolean;
  /** The MTA wrote what rDNS it found (so an empty rdns means there was none). */
  lookedUpDns: boolean;
  internal: boolean;
  asString: string;
}

export interface Relays {
  trusted: Relay[];
  untrusted: Relay[];
  internal: Relay[];
  external: Relay[];
  unparseable: number;
  /** Index (from the top, 0-based) of the last Received header in the trusted / internal part; -1 for none. */
  lastTrustedIndex: number;
  lastInternalIndex: number;
}

const IPV4 = '\\b(?<!:)(?:1\\d\\d|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\.(?:1\\d\\d|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\.(?:1\\d\\d|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\.(?:1\\d\\d|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\b';
const IPV6 = '(?:IPv6:|(?<![a-fA-F0-9:]))(?=[0-9a-fA-F:.]*:[0-9a-fA-F:.]*:)(?:[0-9a-fA-F]{0,4}:){2,7}(?:[0-9a-fA-F]{1,4}|' + IPV4.replace(/\\b\(\?<!:\)/, '') + ')?(?![a-fA-F0-9:])';
const IP = `(?:${IPV4}|${IPV6})`;
const LOCALHOST = `(?:localhost(?:\\.localdomain)?|\\b(?<!:)127\\.0\\.0\\.1\\b|::1)`;
const IP_PRIVATE =
  /^(?:(?:10|127|169\.254|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168|100\.(?:6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7]))\..*|(?:IPv6:)?(?:fe[89ab][0-9a-f]:.*|(?:0{1,4}:){1,7}:?0{0,3}1|::1|(?:[0:]*:)ffff:(?:10|127|169\.254|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168)\..*))$/i;

const cache = new Map<string, RegExp>();
/** A regex from SpamAssassin's source text with ${IP} and ${LOCALHOST} filled in. */
function R(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(source.replace(/\$\{IP\}/g, IP).replace(/\$\{LOCALHOST\}/g, LOCALHOST), flags);
    cache.set(key, re);
  }
  return re;
}

type Parsed = Omit<Relay, 'ipPrivate' | 'internal' | 'asString'> | 'ignore' | 'fetcher' | undefined;

/** Received.pm parse_received_line. */
export function parseReceivedLine(input: string): Parsed {
  let s = input.replace(/\s+/g, ' ').trim();
  while (/\s?;$/.test(s)) s = s.replace(/\s?;$/, '');
  let ip = '';
  let helo = '';
  let rdns = '';
  let by = '';
  let id = '';
  let ident = '';
  let envfrom: string | undefined;
  let looked = false;
  let auth = '';
  if (!/^\(?from /i.test(s)) return 'ignore';
  if (/\bwith local for\b/.test(s)) return 'ignore';
  let m = /^from (\S+) by [^\s;]+ ?;/i.exec(s);
  if (m && !/^\[[\d.]+\]$/.test(m[1]!)) return 'ignore';
  s = s.replace(/[\s;]+(?:(?:Mon|T(?:ue|hu)|Wed|Fri|S(?:at|un)), )?\d+ (?:J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec) \d+ \d+:\d+(?::\d+)? \S+$/, '');
  s = s.replace(/\)by /, ') by ');
  if ((m = / id <?([^\s<>;]{3,})/.exec(s))) id = m[1]!;
  if ((m = /\bhelo=([-A-Za-z0-9.^+_&:=?!@%*$\\/]+)(?:[^-A-Za-z0-9.^+_&:=?!@%*$\\/]|$)/.exec(s))) helo = m[1]!;
  else if ((m = /\b(?:HELO|EHLO) ([-A-Za-z0-9.^+_&:=?!@%*$\\/]+)(?:[^-A-Za-z0-9.^+_&:=?!@%*$\\/]|$)/.exec(s))) helo = m[1]!;
  if ((m = / by (\S+)(?:[^-A-Za-z0-9;.]|$)/.exec(s))) by = m[1]!;
  if (/ by /.test(s) && (m = / with ((?:ES|L|UTF8S|UTF8L)MTPS?A|ASMTP|HTTP[SU]?)(?: |;|$)/i.exec(s))) auth = m[1]!;
  else if ((m = /^from .*?(?:\]\)|\)\]) \(AUTH: (LOGIN|PLAIN|DIGEST-MD5|CRAM-MD5) \S+(?:, .*?)?\) by /.exec(s))) auth = m[1]!;
  else if (/authenticated/.test(s) && /^from .*?(?:\](?: \([^)]*\))?\)|\)\]) .*?\(.*?authenticated.*?\).*? by/.test(s)) auth = 'Sendmail';
  else if ((m = /\) \(Authenticated sender: \S+\) by \S+ \(([^)]+)\) with /.exec(s))) auth = m[1] === 'Postfix' ? 'Postfix' : `Postfix (${m[1]})`;
  else if (/ with Microsoft Exchange Server HTTP-DAV\b/.test(s)) auth = 'HTTP-DAV';
  else if (/ by /.test(s) && (m = / \(via (HTTP.?)\)(?: |;|$)/i.exec(s))) auth = m[1]!;

  const done = (): Parsed => ({ ip, rdns, helo, by, ident, ...(envfrom !== undefined ? { envfrom } : {}), id, auth, lookedUpDns: looked });

  if (/^from /.test(s)) {
    s = s.slice(5);
    if ((m = /(?:return-path:? |envelope-(?:sender|from)[ =])(\S+)\b/i.exec(s))) envfrom = m[1]!;
    const tryAll = (): Parsed | null => {
      if (/ SMTPSVC/.test(s)) {
        if ((m = R('^(\\S*) \\(\\[(${IP})\\][^)]{0,40}\\) by (\\S+) with Microsoft SMTPSVC').exec(s))) {
          [helo, ip, by] = [m[1]!, m[2]!, m[3]!];
          return done();
        }
        if (/^mail pickup service by (\S+) with Microsoft SMTPSVC$/.test(s)) return 'ignore';
      } else if (/ with (?:Microsoft SMTP Server|mapi id) (?:\([^)]+\) )?\d+\.\d+\.\d+\.\d+(?:$| )/.test(s)) {
        if ((m = R('^(\\S+) \\(\\[?(${IP})(?:%[A-Z0-9._~-]*)?\\]?\\) by (\\S+) ').exec(s))) {
          [helo, ip, by, id] = [m[1]!, m[2]!, m[3]!, ''];
          return done();
        }
      } else if (/Exim/.test(s)) {
        if (/\bwith local(?:-\S+)? /.test(s)) return 'ignore';
        if ((m = R('^\\[(${IP})\\] \\((.*?)\\) by (\\S+) ').exec(s))) {
          ip = m[1]!;
          by = m[3]!;
          const sub = m[2]!;
          helo = /helo=(\S+)/.exec(sub)?.[1] ?? helo;
          ident = /ident=(\S*)/.exec(sub)?.[1] ?? ident;
          return done();
        }
        if ((m = R('^(\\S+) \\(\\[(${IP})\\](.*?)\\) by (\\S+) ').exec(s))) {
          [rdns, ip, by] = [m[1]!, m[2]!, m[4]!];
          helo = rdns;
          const sub = m[3]!;
          helo = /helo=(\S+)/.exec(sub)?.[1] ?? helo;
          ident = /ident=(\S*)/.exec(sub)?.[1] ?? ident;
          return done();
        }
        if ((m = R('^(\\S+) \\[(${IP})\\](:\\d+)? by (\\S+) ').exec(s))) {
          [rdns, ip, helo, by] = [m[1]!, m[2]!, m[1]!, m[4]!];
          return done();
        }
        if ((m = /^(\S+) /.exec(s))) rdns = m[1]!;
        if ((m = / \((\S+)\) /.exec(s))) helo = m[1]!;
        if ((m = R(' \\[(${IP})(?:\\.\\d+)?\\] ').exec(s))) ip = m[1]!;
        if ((m = /by (\S+) /.exec(s))) {
          by = m[1]!;
          if (ip) return done();
        }
      } else if (/ \(Postfix\) with/.test(s)) {
        if ((m = R('^(\\S+) \\((\\S+) \\[(${IP})\\]\\) by (\\S+) ').exec(s)) || (m = R('^(\\S+) \\((\\S+)\\[(${IP})\\]\\) by (\\S+) ').exec(s))) {
          looked = true;
          [helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!];
          if (rdns === 'unknown') rdns = '';
          return done();
        }
      } else if (/ \(Lotus Domino /.test(s)) {
        if ((m = R('^(\\S+) \\(\\[(${IP})\\]\\) by (\\S+) \\(Lotus').exec(s))) {
          [helo, ip, by] = [m[1]!, m[2]!, m[3]!];
          return done();
        }
      }
      if (/\bwith HTTP\b/.test(s) && (m = R('^(${IP}) \\(\\[${IP}\\]\\) by (\\S+)').exec(s))) {
        [ip, by] = [m[1]!, m[2]!];
        return done();
      }
      if (!/ by \S+ \(qmail-\S+\) with /.test(s) && (m = R('^(\\S+) \\((\\S+) \\[(${IP})\\].*\\) by (\\S+) \\(').exec(s))) {
        looked = true;
        [helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!];
        let x = /^IDENT:([^@]*)@/.exec(rdns);
        if (x) {
          ident = x[1]!;
          rdns = rdns.slice(x[0].length);
        }
        x = /^([^@]*)@/.exec(rdns);
        if (x) {
          ident = x[1]!;
          rdns = rdns.slice(x[0].length);
        }
        return done();
      }
      const simple: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^(\\S+) \\((\\S+) \\[(${IP})\\]\\) by (\\S+) with \\S+ \\(', (m) => ([rdns, ip, helo, by] = [m[2]!, m[3]!, m[1]!, m[4]!]), true],
        ['^(\\S+) \\(\\[(${IP})\\] helo=(\\S+)\\) by (\\S+) with ', (m) => ([rdns, ip, helo, by] = [m[1]!, m[2]!, m[3]!, m[4]!])],
        ['^(\\S+) \\(<unknown\\S*>\\[(${IP})\\]\\) by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(\\S+) \\((\\S+\\.\\S+)\\[(${IP})\\]\\) by (\\S+) ', (m) => ([helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!]), true],
        ['^(\\S+) \\((\\S*)@\\[(${IP})\\].*\\) by (\\S+) \\(', (m) => ([helo, ip, by, ident] = [m[1]!, m[3]!, m[4]!, m[2]!]), true],
      ];
      for (const [src, set, dns] of simple) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if ((m = /by (\S+\.hotmail\.msn\.com) /.exec(s))) {
        by = m[1]!;
        const x = R('^(${IP}) ').exec(s);
        if (x) ip = x[1]!;
        return done();
      }
      const more: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^(\\S+) \\((?:HELO|EHLO) (\\S*)\\) \\((${IP})\\) by (\\S+) \\(qpsmtpd\\/\\S+\\) with (?:ESMTP|SMTP)', (m) => ([rdns, helo, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!])],
        ['^(\\S+) \\(LHLO (\\S*)\\) \\((${IP})\\) by (\\S+) with LMTP', (m) => ([rdns, helo, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!])],
        ['^(\\S+) \\((?:HELO|EHLO) (\\S*)\\) \\[(${IP})\\] by (\\S+) \\([^)]+\\) with (?:ESMTP|SMTP)', (m) => ([rdns, helo, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!])],
        ['^(\\S+) \\(\\[(${IP})\\]\\) by (\\S+) via smtpd \\(for \\S+\\) with SMTP\\(', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
      ];
      for (const [src, set] of more) {
        if ((m = R(src).exec(s))) {
          set(m);
          return done();
        }
      }
      if (R('^\\S+( \\((?:HELO|EHLO) \\S*\\))? \\((\\S+@)?\\[?${IP}\\]?\\)( \\(envelope-sender <\\S+>\\))? by \\S+( \\(.+\\))* with (.* )?(SMTP|QMQP)(?! id )').test(s)) {
        if ((m = R('^(\\S+) \\((?:HELO|EHLO) ([^ ()]*)\\) \\((\\S*)@\\[?(${IP})\\]?\\)( \\(envelope-sender <\\S+>\\))? by (\\S+)').exec(s))) [rdns, helo, ident, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!, m[6]!];
        else if ((m = R('^(\\S+) \\((?:HELO|EHLO) ([^ ()]*)\\) \\(\\[?(${IP})\\]?\\)( \\(envelope-sender <\\S+>\\))? by (\\S+)').exec(s))) [rdns, helo, ip, by] = [m[1]!, m[2]!, m[3]!, m[5]!];
        else if ((m = R('^(\\S+) \\((\\S*)@\\[?(${IP})\\]?\\)( \\(envelope-sender <\\S+>\\))? by (\\S+)').exec(s))) [helo, rdns, ident, ip, by] = [m[1]!, m[1]!, m[2]!, m[3]!, m[5]!];
        else if ((m = R('^(\\S+) \\(\\[?(${IP})\\]?\\)( \\(envelope-sender <\\S+>\\))? by (\\S+)').exec(s))) [helo, rdns, ip, by] = [m[1]!, m[1]!, m[2]!, m[4]!];
        if (rdns !== 'unknown') looked = true;
        else rdns = '';
        return done();
      }
      const rest: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^\\[(${IP})\\] by (\\S+) via HTTP$', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(\\S+) \\( \\[(${IP})\\]\\).*? by (\\S+) ', (m) => ([ip, by] = [m[2]!, m[3]!])],
        ['^\\((\\S+) \\[(${IP})\\]\\) by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^\\[(${IP})\\] by (\\S+) ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^\\(\\[?(${IP})\\]?\\) by (\\S+) ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(\\S+) \\[(${IP})\\] by (\\S+) \\[${IP}\\] with ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!]), true],
        ['^(\\S+) \\[\\((${IP})\\)\\] by (\\S+) \\(${IP}\\) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(\\S+) \\(\\[(${IP})\\]\\) by (\\S+) \\(', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!]), true],
      ];
      for (const [src, set, dns] of rest) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if ((m = R('^(\\S+) \\((\\S+) \\[(${IP})\\]\\).*? by (\\S+)\\b').exec(s))) {
        if (m[2] !== 'softdnserr') {
          looked = true;
          rdns = m[2]!;
        }
        [helo, ip, by] = [m[1]!, m[3]!, m[4]!];
        return done();
      }
      const tail: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^(\\S+) \\(\\[(${IP})(?:[.:]\\d+)?\\]\\).*? by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!]), true],
        ['^(\\S+) \\((\\S+) \\[(${IP})\\]\\)(?: \\(authenticated bits=\\d+\\))? by (\\S+) \\(', (m) => ([helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!]), true],
      ];
      for (const [src, set, dns] of tail) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if (/with (?:POP3|IMAP)/.test(s)) return 'fetcher';
      if ((m = R('^(\\S+) \\((?:HELO|EHLO) ([^)]*)\\) \\((\\S*@)?\\[?(${IP})\\]?\\).* by (\\S+) ').exec(s))) {
        looked = true;
        [rdns, helo, ident, ip, by] = [m[1]!, m[2]!, (m[3] ?? '').replace(/@$/, ''), m[4]!, m[5]!];
        return done();
      }
      if ((m = R('^(\\S+) \\((\\S*@)?\\[?(${IP})\\]?\\).* by (\\S+) ').exec(s))) {
        looked = true;
        [rdns, helo, ident, ip, by] = [m[1]!, m[1]!, (m[2] ?? '').replace(/@$/, ''), m[3]!, m[4]!];
        return done();
      }
      const last: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^\\[(${IP})\\] by (\\S+) with http for ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(\\S+)\\((${IP})\\) by (\\S+) via smap ', (m) => ([rdns, ip, by] = [m[1]!, m[2]!, m[3]!]), true],
        ['^(\\S+)\\((${IP}), (?:HELO|EHLO) (\\S*)\\) by (\\S+) via smap ', (m) => ([rdns, ip, helo, by] = [m[1]!, m[2]!, m[3]!, m[4]!]), true],
        ['^\\[(${IP})\\] by (\\S+) \\(Post', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^\\[(${IP})\\] by (\\S+) \\(ArGoSoft', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(${IP}) by (\\S+) \\((?:SMTPL|InterScan)\\b', (m) => ([ip, by] = [m[1]!, m[2]!])],
      ];
      for (const [src, set, dns] of last) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if (/ with BSMTP/.test(s) && /^\S+ by \S+ with BSMTP/.test(s)) return 'ignore';
      const final: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^(\\S+) \\((\\S+) \\[(${IP})\\]\\) by (\\S+) with ', (m) => ([helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!]), true],
        ['^(\\S+) \\((?:HELO|EHLO) (\\S*)\\) \\((?:(\\S+)@)?(${IP}).*?\\) by (\\S+) with ', (m) => ([rdns, helo, ip, by, ident] = [m[1]!, m[2]!, m[4]!, m[5]!, m[3] ?? ident]), true],
        ['^\\[(${IP})\\] \\((?:account \\S+ )?(?:HELO|EHLO) (\\S*)\\) by (\\S+) \\(', (m) => ([ip, helo, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(\\S+) \\(\\[(${IP})\\] verified\\) by (\\S+) \\(', (m) => ([rdns, helo, ip, by] = [m[1]!, m[1]!, m[2]!, m[3]!]), true],
        ['^\\(\\[(${IP})\\]\\) by (\\S+) with ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^([^\\d]\\S+) \\((${IP})\\) by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
      ];
      for (const [src, set, dns] of final) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if (/^\S+ \(\S+\) by \S+ \(Content Technologies /.test(s)) return 'ignore';
      const late: Array<[string, (m: RegExpExecArray) => void, boolean?]> = [
        ['^(\\S+) \\(\\[(${IP})\\] \\[(\\S+)\\]\\) by (\\S+) with ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[4]!])],
        ['^(${IP}) by (\\S+) with ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(\\S+) \\((\\S+)\\[(${IP})\\]\\) by (\\S+) ', (m) => ([helo, rdns, ip, by] = [m[1]!, m[2]!, m[3]!, m[4]!]), true],
        ['^\\[(${IP})\\]\\S+ \\((?:HELO|EHLO) (\\S*)\\) by (\\S+) ', (m) => ([ip, helo, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(${IP}) \\((?:HELO|EHLO) (\\S*)\\) by (\\S+) ', (m) => ([ip, helo, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(\\S+) \\[(${IP})\\] by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(\\S+)\\((${IP})\\) by (\\S+) ', (m) => ([rdns, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^\\[(${IP})\\] by (\\S+) \\(MailGate ', (m) => ([ip, by] = [m[1]!, m[2]!])],
        ['^(\\S+) \\(unverified \\[(${IP})\\]\\) by (\\S+) ', (m) => ([helo, ip, by] = [m[1]!, m[2]!, m[3]!])],
        ['^(${IP}) \\([A-Za-z][^)]+\\) by (\\S+) with ', (m) => ([ip, by] = [m[1]!, m[2]!])],
      ];
      for (const [src, set, dns] of late) {
        if ((m = R(src).exec(s))) {
          set(m);
          if (dns) looked = true;
          return done();
        }
      }
      if ((m = R('^\\[(${IP})\\] \\(([^)]+)\\) by (\\S+) ').exec(s))) {
        [ip, by] = [m[1]!, m[3]!];
        helo = /helo=(\S+)/.exec(m[2]!)?.[1] ?? helo;
        ident = /ident=(\S*)/.exec(m[2]!)?.[1] ?? ident;
        return done();
      }
      if ((m = R('^(\\S+) \\((?:\\S+@)?(${IP})\\) by (\\S+) with ').exec(s))) {
        [rdns, ip, by] = [m[1]!, m[2]!, m[3]!];
        return done();
      }
      if ((m = R('^(\\S+)\\((${IP})\\)(?:, claiming to be "(\\S+)")? via \\S+ by (\\S+),').exec(s))) {
        [rdns, ip, helo, by] = [m[1]!, m[2]!, m[3] ?? '', m[4]!];
        if (m[1] !== 'UNKNOWN') looked = true;
        return done();
      }
      if ((m = R('^(\\S+) \\((\\S+)@(${IP}) with login\\) by (\\S+\\.yahoo\\.com) with SMTP').exec(s))) {
        [helo, ip, by] = [m[1]!, m[3]!, m[4]!];
        return done();
      }
      if ((m = R('^X-Originating-IP: (${IP})$').exec(s))) {
        [ip, by] = [m[1]!, ''];
        return done();
      }
      const ignores = [
        '^\\S+ \\([^\\s@]+@${LOCALHOST}\\) by \\S+ \\(',
        '^\\S+ \\S+ by \\S+ with local-e?smtp ',
        '^\\S+@\\S+ by \\S+ ',
        '^Unknown\\/Local \\(',
        '^${LOCALHOST} \\((?:\\S+@)?${LOCALHOST}[)[]',
        '^\\S+ \\((?:\\S+@)?${LOCALHOST}\\) ',
        '^\\S+ \\(\\S+@\\S+ \\[${LOCALHOST}\\]\\) ',
        '^\\(AUTH: \\S+\\) by \\S+ with ',
        '^\\S+ by \\S+ with local',
        '^\\S+ by \\S+ (?:with|via|for|\\()',
        '^\\S+ (?:(?:with|via|for) \\S+|\\(unverified\\)) by\\b',
        '\\(LSMTP for',
        '^\\S+ id \\S+$',
      ];
      for (const src of ignores) if (R(src).test(s)) return 'ignore';
      if (!helo && (m = /^(\S+)[^-A-Za-z0-9.]/.exec(s))) helo = m[1]!;
      return null;
    };
    const result = tryAll();
    if (result !== null) return result;
  } else if (/^FROM /.test(s)) {
    s = s.slice(5);
    if ((m = R('^(\\S+) \\((\\S+) \\[(${IP})\\]\\) BY (\\S+) (?:\\([^)]+\\) WITH SMTP )?ID <?(\\S+?)>?(?: FOR <[^>]+>)?$').exec(s))) {
      looked = true;
      [helo, rdns, ip, by, id] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
      if (rdns === 'unverified') rdns = '';
      return done();
    }
  } else if (/^\(from /.test(s)) {
    s = s.slice(6);
    if ((m = R('^(\\S*) \\[(${IP})\\]\\) by (\\S+) \\(NAVGW .*?\\) with ').exec(s))) {
      [helo, ip, by] = [m[1]!, m[2]!, m[3]!];
      return done();
    }
    if (/^\S+@localhost\) by \S+ /.test(s)) return 'ignore';
  }
  if (!ip && (m = R('\\[(${IP})\\]').exec(s))) ip = m[1]!;
  if (ip && by) return done();
  return undefined;
}

const STRIP = /[\s\0#[\]()<>|]/g;

function finish(p: Exclude<Parsed, 'ignore' | 'fetcher' | undefined>): Relay {
  let rdns = p.rdns.replace(/\.+$/, '');
  if (/^unknown$/i.test(rdns) || rdns.startsWith('[')) rdns = '';
  let ip = p.ip.replace(/^ipv6:/i, '').replace(/^\[/, '').replace(/\]$/, '').replace(/%[A-Z0-9._~-]*$/i, '');
  ip = ip.replace(/^0*:0*:(?:0*:)*ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').replace(STRIP, '!');
  rdns = rdns.replace(STRIP, '!');
  const helo = p.helo.replace(STRIP, '!');
  const by = p.by.replace(/;$/, '').replace(STRIP, '!');
  const ident = p.ident.replace(STRIP, '!');
  const envfrom = p.envfrom?.replace(/^\s*<*/, '').replace(/>*\s*$/, '').replace(STRIP, '!');
  const relay: Relay = { ...p, ip, rdns, helo, by, ident, ...(envfrom !== undefined ? { envfrom } : {}), ipPrivate: IP_PRIVATE.test(ip), internal: false, asString: '' };
  return relay;
}

const asString = (r: Relay) => `[ ip=${r.ip} rdns=${r.rdns} helo=${r.helo} by=${r.by} ident=${r.ident} envfrom=${r.envfrom ?? ''} intl=${r.internal ? 1 : 0} id=${r.id} auth=${r.auth} msa=0 ]`;

/** Received.pm parse_received_headers with inferred trust (no trusted_networks configured). */
export function parseRelays(received: string[], originatingIp?: string): Relays {
  const out: Relays = { trusted: [], untrusted: [], internal: [], external: [], unparseable: 0, lastTrustedIndex: -1, lastInternalIndex: -1 };
  let inTrusted = true;
  let inInternal = true;
  let allowFetchMarkers = true;
  const lines = [...received];
  if (originatingIp) lines.push(`from X-Originating-IP: ${originatingIp}`);
  for (const line of lines) {
    const parsed = parseReceivedLine(line);
    if (parsed === 'fetcher' && allowFetchMarkers) {
      out.trusted = [];
      out.internal = [];
      out.external = [];
    }
    if (parsed === undefined) out.unparseable++;
    if (parsed === undefined || parsed === 'ignore' || parsed === 'fetcher') {
      if (inTrusted) out.lastTrustedIndex++;
      if (inInternal) out.lastInternalIndex++;
      continue;
    }
    const relay = finish(parsed);
    if (inTrusted && !relay.ipPrivate && !relay.auth) {
      inTrusted = false;
      inInternal = false;
    }
    relay.internal = inInternal;
    relay.asString = asString(relay);
    if (inTrusted) {
      out.trusted.push(relay);
      allowFetchMarkers = true;
      out.lastTrustedIndex++;
    } else {
      out.untrusted.push(relay);
      allowFetchMarkers = false;
    }
    if (inInternal) {
      out.internal.push(relay);
      out.lastInternalIndex++;
    } else out.external.push(relay);
  }
  return out;
}

/** Relays of a message (its Received headers top first, X-Originating-IP last), computed once per view. */
export function relaysOf(view: SpamView): Relays {
  const received = view.values('Received').map((v) => v.replace(/\n[ \t]+/g, ' '));
  const xoip = view.values('X-Originating-IP')[0];
  const ip = xoip ? R('(${IP})').exec(xoip)?.[1] : undefined;
  return parseRelays(received, ip);
}
