import { isIPv4, isIPv6 } from 'node:net';
import { AppError } from '../../../shared/contract/errors';
import { normalizeName, Zone, type ZoneRecord, zoneRecordTypes, type ZoneRecordType } from './zone';

/** One token of a zone file entry; quoted tokens are never names, numbers or directives. */
interface Token {
  text: string;
  quoted: boolean;
}
/** A logical entry: one line, or several joined by parentheses. */
interface Entry {
  line: number;
  /** The entry starts with blank space, so it reuses the previous owner name (RFC 1035 section 5.1). */
  inheritsOwner: boolean;
  tokens: Token[];
  /** A `; mailbench-timeout: NAME` comment: the name whose queries time out. */
  timeout?: string;
}

export interface ZoneFileOptions {
  /** Origin for relative names before any $ORIGIN line (what `zone example.com` in NSD's config gives). */
  origin?: string;
  /** Shown in errors, so the user knows which file to open. */
  file?: string;
}

const DEFAULT_TTL = 3600;
/**
 * The budget of an offline zone: it is typed or loaded to try records before publishing them,
 * and a million records took 1 min 46 s and 2.4 GB. One megabyte holds about 20,000 records.
 */
export const ZONE_LIMITS = { chars: 1_000_000, records: 20_000 } as const;
/**
 * Marks a name as not answering: a comment, so BIND and NSD read the same file and ignore it.
 * `; mailbench-timeout: dns.example.com.` (or a name relative to $ORIGIN).
 */
const TIMEOUT_PRAGMA = /^;\s*mailbench-timeout:\s*(\S+)\s*$/i;
const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);
const TTL_PATTERN = /^(\d+[wdhms]?)+$/i;

/**
 * Reads an RFC 1035 master file (the syntax BIND and NSD read) into a Zone: $ORIGIN, $TTL,
 * `@`, relative and absolute names, blank owners, parentheses, comments, quoted strings with
 * escapes. Errors carry the line they are on, so the editor can point at it.
 */
export function parseZoneFile(text: string, options: ZoneFileOptions = {}): Zone {
  const fail = (line: number, message: string, hint: string): never => {
    throw new AppError('parse_error', `${options.file ?? 'Zone'} line ${line}: ${message}`, { line, hint, ...(options.file ? { file: options.file } : {}) });
  };
  if (text.length > ZONE_LIMITS.chars) {
    throw new AppError('invalid_input', `${options.file ?? 'The zone'} is ${text.length.toLocaleString('en')} characters; an offline zone holds at most ${ZONE_LIMITS.chars.toLocaleString('en')}.`, {
      hint: 'Keep only the records the check needs (the domain, its includes, keys and policies), or use --dns with a real server for a large zone.',
      ...(options.file ? { file: options.file } : {}),
    });
  }
  let origin = options.origin ? normalizeName(options.origin) : undefined;
  let defaultTtl: number | undefined;
  let lastTtl: number | undefined;
  let lastOwner: string | undefined;
  const zone = new Zone(origin);

  const absolute = (raw: string, line: number): string => {
    if (raw === '@') {
      if (origin === undefined) fail(line, '`@` is used before any $ORIGIN is set.', 'Add `$ORIGIN example.com.` at the top of the zone.');
      return origin!;
    }
    if (raw.endsWith('.')) return checkName(normalizeName(raw), line);
    if (origin === undefined) {
      fail(line, `the relative name "${raw}" needs an origin, but no $ORIGIN is set.`, `Write it as "${raw}." (absolute) or add \`$ORIGIN example.com.\` above it.`);
    }
    return checkName(normalizeName(origin === '' ? raw : `${raw}.${origin}`), line);
  };

  const checkName = (name: string, line: number): string => {
    if (name.length > 253) fail(line, `the name "${name}" is longer than 253 characters.`, 'Shorten the name; DNS names are at most 253 characters.');
    for (const label of name.split('.')) {
      if (label.length === 0 && name !== '') fail(line, `the name "${name}" has an empty label (two dots in a row).`, 'Remove the extra dot.');
      if (label.length > 63) fail(line, `the label "${label.slice(0, 20)}…" is longer than 63 characters.`, 'DNS labels are at most 63 characters; split or shorten it.');
    }
    return name;
  };

  const ttlValue = (raw: string, line: number): number => {
    let total = 0;
    for (const [, amount, unit] of raw.matchAll(/(\d+)([wdhms]?)/gi)) {
      total += Number(amount) * ({ w: 604800, d: 86400, h: 3600, m: 60, s: 1, '': 1 } as Record<string, number>)[unit!.toLowerCase()]!;
    }
    if (total > 2 ** 31 - 1) fail(line, `the TTL ${raw} is larger than 2147483647 seconds.`, 'Use a TTL such as 3600.');
    return total;
  };

  let count = 0;
  for (const entry of tokenize(text, fail)) {
    if (entry.timeout !== undefined) {
      zone.markUnresponsive(absolute(entry.timeout, entry.line));
      continue;
    }
    const tokens = [...entry.tokens];
    const first = tokens[0]!;
    const { line } = entry;
    if (!first.quoted && first.text.startsWith('$') && !entry.inheritsOwner) {
      const directive = first.text.toUpperCase();
      const argument = tokens[1];
      if (directive === '$ORIGIN') {
        if (!argument || argument.quoted) fail(line, '$ORIGIN needs a domain name.', 'Write `$ORIGIN example.com.`');
        origin = argument!.text === '.' ? '' : absolute(argument!.text, line);
        zone.addApex(origin);
      } else if (directive === '$TTL') {
        if (!argument || !TTL_PATTERN.test(argument.text)) fail(line, '$TTL needs a number of seconds (or 1h, 1d…).', 'Write `$TTL 3600`.');
        defaultTtl = ttlValue(argument!.text, line);
      } else if (directive === '$INCLUDE') {
        fail(line, '$INCLUDE is not supported in an offline zone.', 'Paste the included records into this zone instead.');
      } else {
        fail(line, `unknown directive ${first.text}.`, 'Mailbench reads $ORIGIN and $TTL.');
      }
      continue;
    }

    let owner: string;
    if (entry.inheritsOwner) {
      if (lastOwner === undefined) fail(line, 'the record starts with blank space but there is no previous owner name to reuse.', 'Start the line with the owner name, or `@` for the origin.');
      owner = lastOwner!;
    } else {
      owner = absolute(tokens.shift()!.text, line);
    }
    lastOwner = owner;

    let ttl: number | undefined;
    for (let i = 0; i < 2 && tokens[0] && !tokens[0].quoted; i++) {
      const word = tokens[0].text;
      if (ttl === undefined && TTL_PATTERN.test(word)) ttl = ttlValue(word, line);
      else if (CLASSES.has(word.toUpperCase())) {
        if (word.toUpperCase() !== 'IN') fail(line, `class ${word} is not Internet (IN).`, 'Use class IN or leave the class out.');
      } else break;
      tokens.shift();
    }
    ttl ??= defaultTtl ?? lastTtl ?? DEFAULT_TTL;
    lastTtl = ttl;

    const typeToken = tokens.shift();
    if (!typeToken) fail(line, `the record for ${owner || '.'} has no type.`, 'Add a type and its data, for example `IN TXT "v=spf1 -all"`.');
    const type = typeToken!.text.toUpperCase();
    if (!(zoneRecordTypes as readonly string[]).includes(type)) {
      fail(line, `record type "${typeToken!.text}" is not supported in an offline zone.`, `Use one of ${zoneRecordTypes.join(', ')}; SPF records are published as TXT.`);
    }
    if (++count > ZONE_LIMITS.records) {
      fail(line, `the zone has more than ${ZONE_LIMITS.records.toLocaleString('en')} records, the most an offline zone holds.`, 'Keep only the records the check needs, or use --dns with a real server for a large zone.');
    }
    if (type === 'SOA') zone.addApex(owner);
    zone.add(readRdata(type as ZoneRecordType, tokens, { name: owner, ttl, line }, { absolute, fail }));
  }
  return zone;
}

interface RdataTools {
  absolute(raw: string, line: number): string;
  fail(line: number, message: string, hint: string): never;
}

function readRdata(type: ZoneRecordType, tokens: Token[], base: { name: string; ttl: number; line: number }, tools: RdataTools): ZoneRecord {
  const { line } = base;
  const words = tokens.map((token) => token.text);
  const expect = (count: number, shape: string) => {
    if (tokens.length !== count) tools.fail(line, `${type} takes ${shape}, found ${tokens.length === 0 ? 'nothing' : `"${words.join(' ')}"`}.`, `Write it as \`${base.name || '@'} IN ${type} ${shape}\`.`);
  };
  switch (type) {
    case 'A':
      expect(1, 'an IPv4 address');
      if (!isIPv4(words[0]!)) tools.fail(line, `"${words[0]}" is not an IPv4 address.`, 'Write four numbers 0-255 separated by dots, such as 192.0.2.10, or use AAAA for IPv6.');
      return { ...base, type, value: words[0]! };
    case 'AAAA':
      expect(1, 'an IPv6 address');
      if (!isIPv6(words[0]!)) tools.fail(line, `"${words[0]}" is not an IPv6 address.`, 'Write an address such as 2001:db8::10, or use A for IPv4.');
      return { ...base, type, value: words[0]!.toLowerCase() };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      expect(1, 'a domain name');
      return { ...base, type, value: tools.absolute(words[0]!, line) };
    case 'MX': {
      expect(2, 'a preference and a mail server name');
      const priority = Number(words[0]);
      if (!/^\d+$/.test(words[0]!) || priority > 65535) tools.fail(line, `MX preference "${words[0]}" is not a number from 0 to 65535.`, 'Write it as `@ IN MX 10 mail.example.com.`');
      return { ...base, type, priority, exchange: words[1] === '.' ? '' : tools.absolute(words[1]!, line) };
    }
    case 'TXT': {
      if (tokens.length === 0) tools.fail(line, 'TXT needs at least one string.', 'Write it as `@ IN TXT "v=spf1 -all"`.');
      for (const word of words) {
        if (Buffer.byteLength(word, 'latin1') > 255) {
          tools.fail(line, `a TXT string is ${Buffer.byteLength(word, 'latin1')} bytes; each string is at most 255.`, 'Split the text into several quoted strings on the same record: "first part" "second part".');
        }
      }
      return { ...base, type, strings: words };
    }
    case 'SOA': {
      expect(7, 'primary server, contact, serial, refresh, retry, expire and minimum');
      if (!words.slice(2).every((word) => /^\d+[wdhms]?$/i.test(word))) tools.fail(line, 'the SOA serial and timers must be numbers.', 'Write `@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 900 604800 300`.');
      return { ...base, type, mname: tools.absolute(words[0]!, line), rname: tools.absolute(words[1]!, line), serial: Number(words[2]) };
    }
  }
}

/**
 * A run of plain word characters, and of quoted-string characters, from a position (sticky).
 * Words end only at the separators the tokenizer skips (RFC 1035: space and tab, plus CR/LF):
 * ending them at any \s (a vertical tab, NBSP) would match nothing there and loop forever.
 */
const WORD = /[^ \t\r\n;()"\\]*/y;
const QUOTED = /[^"\\\n]*/y;

/**
 * Splits a master file into entries. Bytes after a backslash-escape are kept as Latin-1
 * characters (one per octet), which is how TXT data with non-ASCII bytes reaches checks.
 */
function tokenize(text: string, fail: (line: number, message: string, hint: string) => never): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let openedAt = 0;
  let current: Entry | undefined;
  let atLineStart = true;
  let i = 0;
  const push = (token: Token, inheritsOwner: boolean) => {
    current ??= { line, inheritsOwner, tokens: [] };
    current.tokens.push(token);
  };
  const endEntry = () => {
    if (current && current.tokens.length > 0) entries.push(current);
    current = undefined;
  };
  const readEscape = (): string => {
    const digits = text.slice(i + 1, i + 4);
    if (/^\d{3}$/.test(digits)) {
      const code = Number(digits);
      if (code > 255) fail(line, `the escape \\${digits} is not a byte value (000-255).`, 'Use \\DDD with a decimal value up to 255.');
      i += 4;
      return String.fromCharCode(code);
    }
    if (i + 1 >= text.length || text[i + 1] === '\n') fail(line, 'a backslash ends the line.', 'Remove the backslash or escape something after it.');
    i += 2;
    return text[i - 1]!;
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
      if (depth === 0) endEntry();
      atLineStart = depth === 0;
      continue;
    }
    const lineStartedBlank = atLineStart && (ch === ' ' || ch === '\t');
    if (atLineStart && !lineStartedBlank && ch !== '\r' && ch !== ';') atLineStart = false;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (lineStartedBlank) {
        // remember that this entry inherits its owner, once a token appears
        let j = i;
        while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
        atLineStart = false;
        if (text[j] !== '\n' && text[j] !== ';' && j < text.length) current ??= { line, inheritsOwner: true, tokens: [] };
        i = j;
        continue;
      }
      i++;
      continue;
    }
    atLineStart = false;
    if (ch === ';') {
      const start = i;
      while (i < text.length && text[i] !== '\n') i++;
      const pragma = depth === 0 && (current === undefined || current.tokens.length === 0) ? TIMEOUT_PRAGMA.exec(text.slice(start, i).trimEnd()) : null;
      if (pragma) entries.push({ line, inheritsOwner: false, tokens: [], timeout: pragma[1]! });
      continue;
    }
    if (ch === '(') {
      if (depth === 0) openedAt = line;
      depth++;
      i++;
      continue;
    }
    if (ch === ')') {
      if (depth === 0) fail(line, 'a closing parenthesis has no opening one.', 'Remove the `)` or add a `(` where the record starts.');
      depth--;
      i++;
      continue;
    }
    if (ch === '"') {
      const startLine = line;
      let value = '';
      i++;
      for (;;) {
        QUOTED.lastIndex = i;
        const run = QUOTED.exec(text)![0];
        value += run;
        i += run.length;
        if (i >= text.length || text[i] === '\n') fail(startLine, 'a quoted string is not closed on its line.', 'Add the closing `"`; to continue a long TXT record, close this string and open another.');
        if (text[i] === '"') break;
        value += readEscape();
      }
      i++;
      push({ text: value, quoted: true }, false);
      continue;
    }
    WORD.lastIndex = i;
    let word = WORD.exec(text)![0];
    i += word.length;
    // escapes are rare: only then fall back to reading one character at a time
    while (text[i] === '\\') {
      word += readEscape();
      WORD.lastIndex = i;
      const more = WORD.exec(text)![0];
      word += more;
      i += more.length;
    }
    push({ text: word, quoted: false }, false);
  }
  if (depth > 0) fail(openedAt, 'a parenthesis opened here is never closed.', 'Add the closing `)` after the last part of the record.');
  endEntry();
  return entries;
}
