/** HeaderEval.pm, RelayEval.pm, FreeMail.pm and the list checks (WLBLEval): the checks that need no network. */
import { utf8Octets } from '../../../message/octets';
import type { SpamView } from '../../../message/spam-view';
import { spamRuleData } from '../rules.generated';
import { parseRfc822Date } from './date';
import { type Relay, type Relays, relaysOf } from './relays';
import { type EvalContext, type EvalFn, memo, num } from './types';

const IPV4 = /\b(?:1\d\d|2[0-4]\d|25[0-5]|[1-9]\d|\d)\.(?:1\d\d|2[0-4]\d|25[0-5]|[1-9]\d|\d)\.(?:1\d\d|2[0-4]\d|25[0-5]|[1-9]\d|\d)\.(?:1\d\d|2[0-4]\d|25[0-5]|[1-9]\d|\d)\b/;
const IS_IPV4 = new RegExp(`^${IPV4.source}$`);
const IS_PRIVATE = /^(?:10|127|169\.254|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168|100\.(?:6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7]))\./;

/** `$pms->get(X)` in scalar context: first value for address forms, all joined otherwise, '' when absent. */
export function scalar(view: SpamView, request: string): string {
  const value = view.get(request);
  if (value === undefined) return '';
  return /:(?:addr|name|host|domain|ip|revip)\b/.test(request) ? value.split('\n')[0]! : value;
}

export function relays(ctx: EvalContext): Relays {
  return memo(ctx, 'relays', () => relaysOf(ctx.view));
}

/** PerMsgStatus get_envelope_from, without an envelope_sender_header setting. */
export function envelopeFrom(view: SpamView, r: Relays): string | undefined {
  const lasthop: Relay | undefined = r.untrusted[0] ?? r.trusted.at(-1);
  if (lasthop?.envfrom !== undefined && (lasthop.envfrom.indexOf('@') > 0 || lasthop.envfrom === '')) return lasthop.envfrom;
  const xSender = scalar(view, 'X-Sender:first:addr');
  if (xSender.includes('@') && view.values('Received').some((v) => v.includes('(fetchmail'))) return undefined;
  const names = view.message.root.headers.map((h) => h.name.toLowerCase());
  // SpamAssassin's /^Received:.*?^Name:/ over ALL: some Received header comes before some header of that name.
  const receivedBefore = (name: string) => {
    const received = names.indexOf('received');
    return received !== -1 && names.lastIndexOf(name) > received;
  };
  for (const [header, lower] of [
    ['X-Envelope-From', 'x-envelope-from'],
    ['Envelope-Sender', 'envelope-sender'],
    ['Return-Path', 'return-path'],
  ] as const) {
    const value = view.get(`${header}:first:addr`);
    if (value === undefined) continue;
    if (receivedBefore(lower)) {
      if (header === 'X-Envelope-From') return undefined;
      continue;
    }
    return value.split('\n')[0];
  }
  return undefined;
}

function dateDiff(ctx: EvalContext): number {
  return memo(ctx, 'date_diff', () => {
    const view = ctx.view;
    let dateTime: number | undefined;
    for (const header of ['Resent-Date', 'Date']) {
      for (const v of view.values(header)) {
        if (v.length) dateTime = parseRfc822Date(v);
        if (dateTime !== undefined) break;
      }
      if (dateTime !== undefined) break;
    }
    if (dateTime === undefined) return 0;
    let received = view.values('Received').filter((r) => /\S/.test(r));
    if (!received.length) return 0;
    const local: string[] = [];
    if (/\bfrom (?:localhost\s|(?:\S+ ){1,2}\S*\b127\.0\.0\.1\b)/.test(received[0]!) || /qmail \d+ invoked by uid \d+/.test(received[0]!)) local.push(received.shift()!);
    if (received.length && /\bby localhost with \w+ \(fetchmail-[\d.]+/.test(received[0]!)) local.push(received.shift()!);
    else if (local.length) received = [local.shift()!, ...received];
    const times: number[] = [];
    for (const r of received) {
      const m = /(\s.?\d+ \S\S\S \d+ \d+:\d+:\d+ \S+)/.exec(r);
      const t = m ? parseRfc822Date(m[1]!) : undefined;
      if (t !== undefined) times.push(t);
    }
    if (!times.length) return 0;
    const diffs = times.map((t) => dateTime! - t);
    if (diffs.length > 1 && diffs.at(-1) === 0) diffs.pop();
    diffs.sort((a, b) => Math.abs(a) - Math.abs(b));
    return diffs[0]!;
  });
}

function gatedThroughReceivedHdrRemover(view: SpamView): boolean {
  const ml = view.get('Mailing-List');
  if (ml !== undefined && /^contact \S+@\S+; run by ezmlm$/m.test(ml)) {
    if (/^mailing list \S+@\S+/m.test(scalar(view, 'Delivered-To')) && /qmail \d+ invoked (?:from network|by .{3,20})\); \d+ ... \d+/.test(scalar(view, 'Received'))) return true;
  }
  const rcvd = view.get('Received');
  if (rcvd === undefined) return true;
  return /from groups\.msn\.com \(\S+\.msn\.com /.test(rcvd);
}

function hotmail(ctx: EvalContext): { forged: boolean; missing: boolean } {
  return memo(ctx, 'hotmail', () => {
    const view = ctx.view;
    const none = { forged: false, missing: false };
    const rcvd = scalar(view, 'Received').replace(/\s+/g, ' ');
    if (/from mail pickup service by hotmail\.com with Microsoft SMTPSVC;/.test(rcvd)) return none;
    const to = scalar(view, 'To');
    if (/<(\S+)@groups\.msn\.com>/i.test(to) && /from mail pickup service by ((?:p\d\d\.)groups\.msn\.com)\b/.test(rcvd)) return none;
    const ipHdr = view.get('X-Originating-Ip');
    const ip = ipHdr !== undefined && IPV4.test(ipHdr);
    const orig = /hotmail\.com|msonline-outlook/.test(view.get('X-OriginatorOrg') ?? '');
    if (gatedThroughReceivedHdrRemover(view)) return none;
    if (/from (?:\S*\.)?hotmail.com \(\S+\.hotmail(?:\.msn)?\.com[ )]/.test(rcvd) && ip) return none;
    if (/from \S*\.outbound\.protection\.outlook\.com \(\S+\.outbound\.protection\.outlook\.com[ )]/.test(rcvd) && orig) return none;
    if (new RegExp(`from \\S*\\.hotmail.com \\(\\[${IPV4.source}\\][ ):]`).test(rcvd) && ip) return none;
    if (/from \S+ by \S+\.hotmail(?:\.msn)?\.com with HTTP;/.test(rcvd) && ip) return none;
    if (/from \[66\.218.\S+\] by \S+\.yahoo\.com/.test(rcvd) && ip) return none;
    if (/(?:from |HELO |helo=)\S*hotmail\.com\b/.test(rcvd)) return { forged: true, missing: false };
    if (!/\bhotmail\.com$/i.test(scalar(view, 'From:addr'))) return none;
    return { forged: false, missing: true };
  });
}

function hostnameToDomain(host: string): string {
  if (!/[a-zA-Z]/.test(host)) return host;
  const parts = host.split('.');
  if (parts.length > 1 && /(?:\S{3,}|ie|fr|de)/.test(parts.at(-1)!)) return parts.slice(-2).join('.');
  if (parts.length > 2) return parts.slice(-3).join('.');
  return host;
}

function forgedReceived(ctx: EvalContext): { from: number; ipHelo: number } {
  return memo(ctx, 'forged_rcvd', () => {
    const untrusted = relays(ctx).untrusted;
    const by = untrusted.map((r) => hostnameToDomain(r.by.toLowerCase()));
    const from: Array<string | undefined> = untrusted.map((r) => hostnameToDomain(r.rdns.toLowerCase()));
    const helo = untrusted.map((r) => hostnameToDomain(r.helo.toLowerCase()));
    let mismatchFrom = 0;
    let mismatchIpHelo = 0;
    for (let i = 0; i < untrusted.length; i++) {
      if (!/^\w+(?:[\w.-]+\.)+\w+$/.test(by[i]!)) continue;
      if (/^localhost(?:\.localdomain)?$/.test(from[i] ?? '') && untrusted[i]!.ip === '127.0.0.1') from[i] = undefined;
      const hlo = helo[i]!;
      const fip = untrusted[i]!.ip;
      if (/^\d+\.\d+\.\d+\.\d+$/.test(hlo) && /^\d+\.\d+\.\d+\.\d+$/.test(fip) && fip !== hlo) {
        const hb = /^(\d+\.\d+)\./.exec(hlo)![1];
        const fb = /^(\d+\.\d+)\./.exec(fip)![1];
        if (hb !== fb && !IS_PRIVATE.test(hlo)) mismatchIpHelo++;
      }
      const prev = i > 0 ? from[i - 1] : undefined;
      if (prev !== undefined && /^\w+(?:[\w.-]+\.)+\w+$/.test(prev) && by[i] !== prev) mismatchFrom++;
    }
    return { from: mismatchFrom, ipHelo: mismatchIpHelo };
  });
}

// FreeMail.pm: freemail_domains (with * wildcards) from the rule files.
const freemailExact = new Set<string>();
const freemailWild: RegExp[] = [];
for (const d of spamRuleData.lists.freemail_domains) {
  const lower = d.toLowerCase();
  if (lower.includes('*') || lower.includes('?')) freemailWild.push(new RegExp(`@${lower.replace(/\./g, '\\.').replace(/\*/g, '[^.]*').replace(/\?/g, '.')}$`));
  else freemailExact.add(lower);
}
const freemailWelcome = new Set(spamRuleData.lists.freemail_whitelist.map((d) => d.toLowerCase()));
const emailWelcome = /(?:^|\.)(?:abuse|postmaster|mailer-daemon|noreply|no-reply)@/i;

export function isFreemail(email: string): boolean {
  if (!email) return false;
  const lower = email.toLowerCase();
  const domain = lower.replace(/.*@/, '');
  if (freemailWelcome.has(lower) || freemailWelcome.has(domain) || emailWelcome.test(lower)) return false;
  return freemailExact.has(domain) || freemailWild.some((re) => re.test(lower));
}

/** Once per message: check_from_in_list alone runs for dozens of address lists. */
function allFromAddrs(ctx: EvalContext): readonly string[] {
  return memo(ctx, 'allFromAddrs', () => {
    const view = ctx.view;
    const resent = view.get('Resent-From:first:addr');
    const list = resent !== undefined ? resent.split('\n') : ['From:addr', 'Envelope-Sender:addr', 'Resent-Sender:addr', 'X-Envelope-From:addr', 'EnvelopeFrom:addr'].flatMap((h) => view.get(h)?.split('\n') ?? []);
    return [...new Set(list.filter((a) => a !== '').map((a) => a.replace(/\.{2,}/g, '.').toLowerCase()))];
  });
}

function perlRe(source: string): RegExp {
  return new RegExp(source.replace(/(^|[^\\])\./g, '$1[^\\n]'));
}

export const headerEvals: Array<[string, EvalFn]> = [
  [
    'check_for_missing_to_header',
    (ctx) => {
      const to = scalar(ctx.view, 'To') || scalar(ctx.view, 'Apparently-To');
      return to === '';
    },
  ],
  [
    'subject_is_all_caps',
    (ctx) => {
      let subject = scalar(ctx.view, 'Subject').trim();
      subject = subject.replace(/^(?:(?:Re|Fwd|Fw|Aw|Antwort|WG|SV|VB|VS|VL):\s*)+/i, '');
      if (!/\s/.test(subject) || subject.length < 10) return false;
      subject = subject.replace(/[^a-zA-Z]/g, '');
      if (/=\?(?:iso-2022-jp|iso-2022-kr|euc-kr|euc-jp|shift_jis|big5|gb2312|windows-1251|koi8-r)\?/i.test(scalar(ctx.view, 'Subject:raw'))) return false;
      return subject.length > 0 && subject === subject.toUpperCase();
    },
  ],
  [
    'check_illegal_chars',
    (ctx, [header, ratio, count]) => {
      const name = /:raw$/.test(String(header)) ? String(header) : `${header}:raw`;
      const str = ctx.view.get(name);
      if (str === undefined || !/\S/.test(str)) return false;
      // Valid UTF-8 without control characters is not illegal.
      if (/[\x80-\xff]/.test(str) && isUtf8(str) && !/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(str)) return false;
      let illegal = str.match(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff]/g)?.length ?? 0;
      if (illegal > 0 && name.toLowerCase() === 'subject:raw' && (str.match(/[\xa2\xa3\xae]/g)?.length ?? 0) === 1) illegal--;
      return illegal / str.length >= num(ratio) && illegal >= num(count);
    },
  ],
  [
    'check_for_shifted_date',
    (ctx, [min, max]) => {
      const d = dateDiff(ctx);
      return (min === 'undef' || d >= 3600 * num(min)) && (max === 'undef' || d < 3600 * num(max));
    },
  ],
  [
    'check_outlook_message_id',
    (ctx) => {
      const id = scalar(ctx.view, 'MESSAGEID');
      const m = /^<[0-9a-f]{4}([0-9a-f]{8})\$[0-9a-f]{8}\$[0-9a-f]{8}@/.exec(id);
      if (!m) return false;
      const token = parseInt(m[1]!, 16);
      const x = 0.0023283064365387;
      const y = 27111902.8329849;
      const date = parseRfc822Date(scalar(ctx.view, 'Date')) ?? 0;
      if (Math.abs(token - Math.trunc(date * x + y)) < 250) return false;
      const rcvd = /(\s.?\d+ \S\S\S \d+ \d+:\d+:\d+ \S+).*?$/.exec(scalar(ctx.view, 'Received'));
      const rtime = (rcvd ? parseRfc822Date(rcvd[1]!) : undefined) ?? 0;
      return Math.abs(token - Math.trunc(rtime * x + y)) >= 250;
    },
  ],
  [
    'check_header_count_range',
    (ctx, [hdr, min, max]) => {
      const count = new Set(ctx.view.values(String(hdr))).size;
      return count >= num(min) && count <= num(max);
    },
  ],
  [
    'check_for_to_in_subject',
    (ctx, [test]) => {
      const to = scalar(ctx.view, 'To:addr');
      if (to === '') return false;
      const subject = scalar(ctx.view, 'Subject');
      const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (test === 'address') return new RegExp(`\\b${esc(to)}\\b`, 'i').test(subject);
      if (test !== 'user') return false;
      // Case-insensitive except the second alternative ((?-i:...) in Perl), so letters are folded by hand.
      const user = esc(to.replace(/@.*/, ''));
      const ci = (x: string) => x.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
      const end = '(?=\\n?$)';
      return new RegExp(`^(?:(?:[rR][eE]|[fF][wW]):\\s*(?:\\w+\\s+)?${ci(user)}${end}|${user}\\s*[,:;!?-](?:${end}|\\s)|${ci(user)}${end}|,\\s*${ci(user)}[,:;!?-]${end})`).test(subject);
    },
  ],
  [
    'check_unresolved_template',
    (ctx) =>
      scalar(ctx.view, 'ALL')
        .split('\n')
        .some((h) => /%[A-Z][A-Z_-]/.test(h) && !/^(?:X-VMS-To|X-UIDL|X-Face|To|Cc|From|Subject|References|In-Reply-To|(?:X-|Resent-|X-Original-)?Message-Id):/i.test(h)),
  ],
  [
    'check_ratware_name_id',
    (ctx) => {
      const m = /<[A-Z]{28}\.([^>]+?)>/.exec(scalar(ctx.view, 'MESSAGEID'));
      return Boolean(m && new RegExp(`"[^"]+"\\s*<${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`).test(scalar(ctx.view, 'From')));
    },
  ],
  [
    'check_ratware_envelope_from',
    (ctx) => {
      const to = scalar(ctx.view, 'To:addr');
      const from = scalar(ctx.view, 'EnvelopeFrom:addr');
      if (from === '' || to === '' || /^SRS\d[=+-]/i.test(from)) return false;
      const m = /^([^@]+)@(.+)$/.exec(to);
      if (!m) return false;
      const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const dom = m[2]!.replace(/^www\./i, '');
      return new RegExp(`\\b${esc(dom)}.${esc(m[1]!)}@`, 'i').test(from);
    },
  ],
  [
    'check_equal_from_domains',
    (ctx) => {
      const domainOf = (a: string) => (/@([^@]*)$/.exec(a)?.[1] ?? '').replace(/^.+\.([^.]+\.[^.]+)$/, '$1');
      const from = domainOf(scalar(ctx.view, 'From:addr'));
      const env = domainOf(scalar(ctx.view, 'EnvelopeFrom:addr'));
      return from !== '' && env !== '' && from.toLowerCase() !== env.toLowerCase();
    },
  ],
  ['check_for_matching_env_and_hdr_from', (ctx) => scalar(ctx.view, 'EnvelopeFrom:addr').toLowerCase() === scalar(ctx.view, 'From:addr').toLowerCase()],
  [
    'check_messageid_not_usable',
    (ctx) => {
      if (/<mailto:(?:leave-\S+|\S+-unsubscribe)@\S+>$/i.test(scalar(ctx.view, 'List-Unsubscribe'))) return true;
      if (gatedThroughReceivedHdrRemover(ctx.view)) return true;
      const rcvd = scalar(ctx.view, 'Received');
      return /\/CWT\/DCE\)/.test(rcvd) || /iPlanet Messaging Server/.test(rcvd);
    },
  ],
  ['gated_through_received_hdr_remover', (ctx) => gatedThroughReceivedHdrRemover(ctx.view)],
  [
    'check_for_forged_yahoo_received_headers',
    (ctx) => {
      const view = ctx.view;
      const from = scalar(view, 'From:addr');
      if (!/\byahoo\.com$/i.test(from)) return false;
      let rcvd = scalar(view, 'Received');
      if (scalar(view, 'Resent-From') !== '' && scalar(view, 'Resent-To') !== '') rcvd = scalar(view, 'X-Received') || rcvd;
      rcvd = rcvd.replace(/\s+/g, ' ');
      if (gatedThroughReceivedHdrRemover(view)) return false;
      const r = relays(ctx);
      if (/ rdns=\S+\.yahoo\.com /.test(r.trusted.map((x) => x.asString).join(' ')) || /^[^\]]+ rdns=\S+\.yahoo\.com /.test(r.untrusted.map((x) => x.asString).join(' '))) return false;
      if (/by web\S+\.mail\S*\.yahoo\.com via HTTP/.test(rcvd) || /by sonic\S+\.consmr\.mail\S*\.yahoo\.com with HTTP/.test(rcvd) || /by smtp\S+\.yahoo\.com with SMTP/.test(rcvd)) return false;
      if (new RegExp(`from \\[${IPV4.source}\\] by \\S+\\.(?:groups|scd|dcn)\\.yahoo\\.com with NNFMP`).test(rcvd)) return false;
      if (/\bmailer\d+\.bulk\.scd\.yahoo\.com\b/.test(rcvd) && /@reply\.yahoo\.com$/i.test(from)) return false;
      if (/by \w+\.\w+\.yahoo\.com \(\d+\.\d+\.\d+\/\d+\.\d+\.\d+\)(?: with ESMTP)? id \w+/.test(rcvd)) return false;
      return true;
    },
  ],
  ['check_for_forged_hotmail_received_headers', (ctx) => hotmail(ctx).forged],
  ['check_for_no_hotmail_received_headers', (ctx) => hotmail(ctx).missing],
  [
    'check_for_forged_gmail_received_headers',
    (ctx) => {
      const view = ctx.view;
      if (!/\bgmail\.com$/i.test(scalar(view, 'From:addr'))) return false;
      const xr = scalar(view, 'X-Received');
      if (/by 10\.\S+ with SMTP id \S+/.test(xr) || /by 2002:a\d\d:\w+:\S+ with SMTP id \S+/.test(xr)) return false;
      if (/by smtp\.googlemail\.com with ESMTPSA id \S+/.test(scalar(view, 'Received'))) return false;
      if (scalar(view, 'X-Gm-Message-State').length >= 60 && scalar(view, 'X-Google-Smtp-Source').length >= 60) return false;
      return true;
    },
  ],
  [
    'check_for_forged_juno_received_headers',
    (ctx) => {
      const view = ctx.view;
      if (!/\bjuno\.com$/i.test(scalar(view, 'From:addr'))) return false;
      if (gatedThroughReceivedHdrRemover(view)) return false;
      const xorig = scalar(view, 'X-Originating-IP');
      const xmailer = scalar(view, 'X-Mailer');
      const rcvd = scalar(view, 'Received');
      const ip = IPV4.source;
      if (xorig !== '') {
        if (!new RegExp(`from.*\\b(?:juno|untd)\\.com.*[[(]${ip}[\\])].*by`).test(rcvd) && !/ cookie\.(?:juno|untd)\.com /.test(rcvd)) return true;
        return !xmailer.includes('Juno ');
      }
      if (new RegExp(`from.*\\bmail\\.com.*\\[${ip}\\].*by`).test(rcvd)) {
        if (!/\bmail\.com/.test(xmailer)) return true;
      } else if (new RegExp(`from (webmail\\S+\\.untd\\.com) \\(\\1 \\[${ip}\\]\\) by`).test(rcvd)) {
        if (!/^Webmail Version \d/.test(xmailer)) return true;
      } else return true;
      return !IPV4.test(xorig);
    },
  ],
  [
    'check_for_forged_eudoramail_received_headers',
    (ctx) => {
      const view = ctx.view;
      if (!/\beudoramail\.com$/i.test(scalar(view, 'From:addr'))) return false;
      const rcvd = scalar(view, 'Received').replace(/\s+/g, ' ');
      const ip = IPV4.test(view.get('X-Sender-Ip') ?? '');
      if (gatedThroughReceivedHdrRemover(view)) return false;
      return !(/by \S*whowhere.com;/.test(rcvd) && ip);
    },
  ],
  [
    'check_for_fake_aol_relay_in_rcvd',
    (ctx) => {
      const rcvd = scalar(ctx.view, 'Received').replace(/\s+/g, ' ');
      if (!/ rly-[a-z][a-z]\d\d\./i.test(rcvd)) return false;
      return !/\/AOL-\d+\.\d+\.\d+\)/.test(rcvd) && !/ESMTP id (?:RELAY|MAILRELAY|MAILIN)/.test(rcvd);
    },
  ],
  ['check_for_forged_received_trail', (ctx) => forgedReceived(ctx).from > 1],
  ['check_for_forged_received_ip_helo', (ctx) => forgedReceived(ctx).ipHelo > 0],
  [
    'helo_ip_mismatch',
    (ctx) =>
      relays(ctx).untrusted.some((r) => {
        if (!IS_IPV4.test(r.helo) || IS_PRIVATE.test(r.helo)) return false;
        const m = /^(\d+\.\d+\.\d+\.)/.exec(r.helo);
        return IS_IPV4.test(r.ip) && !IS_PRIVATE.test(r.ip) && r.helo !== r.ip && m !== null && !r.ip.startsWith(m[1]!);
      }),
  ],
  [
    'check_for_no_rdns_dotcom_helo',
    (ctx) => {
      let hit = false;
      for (const r of relays(ctx).untrusted) {
        if (r.ipPrivate) continue;
        hit = false;
        if (/(?:\.|^)(?:lycos\.com|lycos\.co\.uk|hotmail\.com|localhost\.com|excite\.com|caramail\.com|cs\.com|aol\.com|msn\.com|yahoo\.com|drizzle\.com)$/i.test(r.helo) && r.rdns === '' && r.lookedUpDns) hit = true;
      }
      return hit;
    },
  ],
  [
    'check_all_trusted',
    (ctx) => {
      const r = relays(ctx);
      return r.trusted.length > 0 && !r.untrusted.length && !r.unparseable;
    },
  ],
  [
    'check_no_relays',
    (ctx) => {
      const r = relays(ctx);
      return !r.trusted.length && !r.untrusted.length && !r.unparseable;
    },
  ],
  ['check_relays_unparseable', (ctx) => relays(ctx).unparseable > 0],
  [
    'check_freemail_from',
    (ctx, [regex]) => {
      const re = regex !== undefined ? perlRe(String(regex)) : undefined;
      return allFromAddrs(ctx).some((email) => isFreemail(email) && (!re || re.test(email)));
    },
  ],
  [
    'check_freemail_header',
    (ctx, [header, regex]) => {
      const request = /:addr$/.test(String(header)) ? String(header) : `${header}:addr`;
      const emails = (ctx.view.get(request)?.split('\n') ?? []).map((e) => e.toLowerCase());
      const re = regex !== undefined ? perlRe(String(regex)) : undefined;
      return emails.some((email) => isFreemail(email) && (!re || re.test(email)));
    },
  ],
  [
    'check_freemail_replyto',
    (ctx, [what = 'replyto']) => {
      const view = ctx.view;
      const from = (view.get('From:addr')?.split('\n') ?? []).map((a) => a.toLowerCase());
      const replyto = (view.get('Reply-To:addr')?.split('\n') ?? []).map((a) => a.toLowerCase());
      const fromFm = from.some(isFreemail);
      const replyFm = replyto.some(isFreemail);
      const fromNotInReplyto = !from.some((f) => replyto.includes(f));
      if (fromFm && replyFm && fromNotInReplyto) return true;
      if (what === 'replyto' && !replyFm) return false;
      if (what === 'reply' && ((replyto.length && !replyFm) || !fromFm)) return false;
      const body = bodyFreemails(ctx);
      const replyAddrs = what === 'replyto' ? replyto : replyFm ? replyto : from;
      return body.some((b) => replyAddrs.some((r) => r !== b));
    },
  ],
  ['sorted_recipients', (ctx) => recipients(ctx).sorted],
  [
    'similar_recipients',
    (ctx, [min, max]) => {
      const similar = recipients(ctx).similar;
      return (min === 'undef' || similar >= num(min)) && (max === 'undef' || similar < num(max));
    },
  ],
  ['check_from_in_list', (ctx, [list]) => allFromAddrs(ctx).some((a) => inAddrList(String(list), a))],
  [
    'check_replyto_in_list',
    (ctx, [list]) => {
      const replyto = scalar(ctx.view, 'Reply-To:addr');
      return replyto !== '' && inAddrList(String(list), replyto);
    },
  ],
  // Lists a user configures (welcomelist_from, blocklist_to ...) are empty out of the box, and the default
  // welcomelist needs SPF/DKIM results (network): none of these can hit offline, as with spamd -L.
  ...[
    'check_from_in_blocklist',
    'check_from_in_welcomelist',
    'check_from_in_default_welcomelist',
    'check_to_in_blocklist',
    'check_to_in_welcomelist',
    'check_to_in_more_spam',
    'check_to_in_all_spam',
    'check_subject_in_blocklist',
    'check_subject_in_welcomelist',
    'check_uri_host_in_blocklist',
    'check_uri_host_in_welcomelist',
    'check_welcomelist_bounce_relays',
    'have_any_bounce_relays',
    'check_mailfrom_matches_rcvd',
  ].map((fn): [string, EvalFn] => [fn, () => false]),
];

/** HeaderEval _check_recipients: sorted (>= 7 addresses) and similar (>= 5, by their first 2 characters). */
function recipients(ctx: EvalContext): { sorted: boolean; similar: number } {
  return memo(ctx, 'recipients', () => {
    const inputs: string[] = [];
    for (const h of ['ToCc:addr', 'Bcc:addr']) {
      inputs.push(...(ctx.view.get(h)?.split('\n') ?? []));
      if (inputs.length >= 5) break;
    }
    const address: string[] = [];
    let previous = '';
    for (const current of inputs) {
      if (!current) break;
      if (current.toLowerCase() !== previous.toLowerCase()) address.push((previous = current));
      if (address.length === 256) break;
    }
    const sorted = address.length >= 7 && address.join(',') === [...address].sort().join(',');
    let similar = 0;
    if (address.length >= 5) {
      const user = address.map((a) => a.slice(0, 2));
      const fqhn = address.map((a) => /@(.*)/.exec(a)?.[1] ?? '');
      const host = fqhn.map((h) => h.slice(0, 2));
      let hits = 0;
      let combinations = 0;
      for (let i = 0; i < address.length; i++) {
        for (let j = i + 1; j < address.length; j++) {
          if (user[i] === user[j]) hits++;
          if (host[i] === host[j] && fqhn[i] !== fqhn[j]) hits++;
          combinations++;
        }
      }
      similar = hits / combinations;
    }
    return { sorted, similar };
  });
}

/** FreeMail _parse_body: freemail addresses written in the body (up to SpamAssassin's sanity limits). */
function bodyFreemails(ctx: EvalContext): string[] {
  return memo(ctx, 'freemail_body', () => {
    const emails: string[] = [];
    const email = /([a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})/gi;
    for (const raw of ctx.view.body) {
      const line = raw.replace(/<?https?:\/\/\S{0,255}(?:@|%40)\S{0,255}/gi, ' ');
      for (const m of line.matchAll(email)) {
        const e = m[1]!.toLowerCase();
        if (!emails.includes(e)) emails.push(e);
        if (emails.length >= 40) break;
      }
    }
    return emails.filter(isFreemail);
  });
}

// enlist_addrlist globs as WLBLEval matches them: whole address, case-insensitive, * any run, ? one character.
const addrLists = new Map(
  Object.entries(spamRuleData.lists.addrlists).map(([name, globs]) => [name, globs.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\@]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'))]),
);

function inAddrList(list: string, address: string): boolean {
  return (addrLists.get(list) ?? []).some((re) => re.test(address.toLowerCase()));
}

function isUtf8(octets: string): boolean {
  for (let i = 0; i < octets.length; i++) {
    const c = octets.charCodeAt(i);
    if (c < 0x80) continue;
    let n = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
    if (n < 0) return false;
    while (n--) {
      const d = octets.charCodeAt(++i);
      if (!(d >= 0x80 && d < 0xc0)) return false;
    }
  }
  return true;
}

/** Pseudo-headers SpamAssassin derives before rules run. */
export function pseudoHeaders(ctx: EvalContext): void {
  const r = relays(ctx);
  const str = (list: Relay[]) => list.map((x) => x.asString).join(' ');
  ctx.view.setPseudo('X-Spam-Relays-Trusted', str(r.trusted));
  ctx.view.setPseudo('X-Spam-Relays-Untrusted', str(r.untrusted));
  ctx.view.setPseudo('X-Spam-Relays-Internal', str(r.internal));
  ctx.view.setPseudo('X-Spam-Relays-External', str(r.external));
  // ALL-TRUSTED and friends: the header lines above / below the trust boundary in the Received chain.
  const lines = ctx.view.message.root.headers.map((h) => `${h.name}: ${utf8Octets(h.value)}\n`);
  const range = (start: number | undefined, end: number | undefined): string => {
    let index = -1;
    let out = '';
    for (const line of lines) {
      if (/^Received:/i.test(line)) index++;
      if ((start === undefined || start <= index) && (end === undefined || index < end)) out += line;
      else if (end !== undefined && index === end) {
        out += line;
        break;
      }
    }
    return out;
  };
  const set = (name: string, value: string) => {
    if (value !== '') ctx.view.setPseudo(name, value);
  };
  if (r.lastTrustedIndex + 1 >= 0) set('ALL-TRUSTED', range(undefined, r.lastTrustedIndex + 1));
  set('ALL-UNTRUSTED', range(r.lastTrustedIndex + 1, undefined));
  set('ALL-INTERNAL', range(undefined, r.lastInternalIndex + 1));
  set('ALL-EXTERNAL', range(r.lastInternalIndex + 1, undefined));
  const env = envelopeFrom(ctx.view, r);
  if (env !== undefined) ctx.view.setPseudo('EnvelopeFrom', env);
}
