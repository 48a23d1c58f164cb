import { createSocket } from 'node:dgram';
import { getServers } from 'node:dns';
import { randomInt } from 'node:crypto';
import { connect, isIPv6 } from 'node:net';
import * as packet from 'dns-packet';
import type { DnsAnswer, DnsFailureCode, MxAnswer } from './resolver';

/** A DNS server to ask: an address and a port. */
export interface WireServer {
  host: string;
  port: number;
}

/** The record types checks ask for; anything else is refused before a packet is built. */
const QUERY_TYPES = new Set(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SOA', 'DS']);
/** A CNAME chain a server leaves for the client to follow ends after this many hops (a loop). */
const MAX_CNAME_HOPS = 8;
/** A TCP answer is at most 64 KiB by its length prefix; a longer stream is not DNS. */
const MAX_TCP_ANSWER = 65_537;

/** Why a query got no records, in `dns.promises` codes, with what the server actually said. */
export class WireFailure extends Error {
  constructor(
    readonly code: DnsFailureCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code} (${detail})` : code);
    this.name = 'WireFailure';
  }
}

/** The servers in /etc/resolv.conf (Node reads it at start), as host and port. */
export function systemServers(): WireServer[] {
  return getServers().map(parseWireServer);
}

/** `ip`, `ip:port`, `[ipv6]:port` or a bare IPv6 address (what parseServerAddress returns). */
export function parseWireServer(address: string): WireServer {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) };
  if (isIPv6(address)) return { host: address, port: 53 };
  const [host, port] = address.split(':');
  return { host: host!, port: Number(port ?? 53) };
}

/**
 * Checks a name before it goes on the wire. Any octets are allowed in a label (RFC 2181
 * section 11; RFC 7208 section 7.1 builds names from macros with `:`, `/` or spaces), but a
 * label is 1-63 octets and a name at most 253.
 */
function wireName(name: string): string {
  const bare = name.replace(/\.$/, '');
  if (bare === '') return '.';
  const labels = bare.split('.');
  if (Buffer.byteLength(bare) > 253 || labels.some((label) => label.length === 0 || Buffer.byteLength(label) > 63)) {
    throw new WireFailure('EBADNAME', 'not a DNS name: an empty label, a label over 63 octets or a name over 253');
  }
  return bare;
}

/**
 * Asks one question of the given servers, in order, and follows a CNAME chain the server did
 * not finish. Answers come in the shapes `dns.promises` gives (what mailauth expects); TXT
 * strings are read as Latin-1, one character per octet, as offline zones hold them.
 */
export async function wireQuery(servers: readonly WireServer[], name: string, type: string, timeoutMs: number): Promise<DnsAnswer> {
  const rrtype = type.toUpperCase();
  if (!QUERY_TYPES.has(rrtype)) throw new WireFailure('ENOTIMP', `Mailbench does not query ${rrtype} records`);
  let current = wireName(name);
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const response = await askServers(servers, current, rrtype, timeoutMs);
    const found = recordsOf(response, current, rrtype);
    if (found.kind === 'answer') return found.answer;
    if (found.kind === 'alias') {
      current = found.target;
      continue;
    }
    throw new WireFailure(found.code, found.detail);
  }
  throw new WireFailure('ESERVFAIL', `CNAME chain longer than ${MAX_CNAME_HOPS} from ${name}`);
}

type Found =
  | { kind: 'answer'; answer: DnsAnswer }
  | { kind: 'alias'; target: string }
  | { kind: 'failure'; code: WireFailure['code']; detail?: string };

function recordsOf(response: packet.Packet, name: string, rrtype: string): Found {
  const rcode = (response as packet.Packet & { rcode?: string }).rcode ?? 'NOERROR';
  switch (rcode) {
    case 'NOERROR':
      break;
    case 'NXDOMAIN':
      return { kind: 'failure', code: 'ENOTFOUND' };
    case 'SERVFAIL':
      return { kind: 'failure', code: 'ESERVFAIL', detail: 'the server answered SERVFAIL' };
    case 'REFUSED':
      return { kind: 'failure', code: 'EREFUSED', detail: 'the server answered REFUSED' };
    default:
      return { kind: 'failure', code: 'ESERVFAIL', detail: `the server answered ${rcode}` };
  }
  // follow the chain inside the answer section, as far as the server wrote it
  const answers = response.answers ?? [];
  let owner = name.toLowerCase();
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const here = answers.filter((record) => record.name.toLowerCase() === owner);
    const wanted = here.filter((record) => record.type === rrtype);
    if (wanted.length > 0) return { kind: 'answer', answer: shape(rrtype, wanted) };
    const alias = here.find((record) => record.type === 'CNAME');
    if (!alias) break;
    owner = String((alias as packet.StringAnswer).data).toLowerCase();
    if (!answers.some((record) => record.name.toLowerCase() === owner)) return { kind: 'alias', target: owner };
  }
  return { kind: 'failure', code: 'ENODATA' };
}

function shape(rrtype: string, records: packet.Answer[]): DnsAnswer {
  switch (rrtype) {
    case 'TXT':
      return records.map((record) => ([] as Array<Buffer | string>).concat((record as packet.TxtAnswer).data).map((part) => (Buffer.isBuffer(part) ? part.toString('latin1') : part)));
    case 'MX':
      return records.map((record): MxAnswer => {
        const data = (record as packet.StringAnswer & { data: { preference: number; exchange: string } }).data;
        return { priority: data.preference, exchange: data.exchange === '.' ? '' : data.exchange };
      });
    case 'SOA':
      return records.map((record) => {
        const data = (record as packet.SoaAnswer).data;
        return `${data.mname} ${data.rname} ${data.serial}`;
      });
    case 'DS':
      return records.map((record) => {
        const data = (record as packet.DSAnswer).data;
        return `${data.keyTag} ${data.algorithm} ${data.digestType} ${data.digest.toString('hex')}`;
      });
    default:
      return records.map((record) => String((record as packet.StringAnswer).data));
  }
}

async function askServers(servers: readonly WireServer[], name: string, rrtype: string, timeoutMs: number): Promise<packet.Packet> {
  if (servers.length === 0) throw new WireFailure('ECONNREFUSED', 'no DNS server is configured (/etc/resolv.conf lists none)');
  let last: unknown;
  for (const server of servers) {
    try {
      const response = await askUdp(server, name, rrtype, timeoutMs);
      // a truncated answer is asked again over TCP (RFC 7766)
      return response.flags !== undefined && response.flags & packet.TRUNCATED_RESPONSE ? await askTcp(server, name, rrtype, timeoutMs) : response;
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

function question(name: string, rrtype: string): { id: number; bytes: Buffer } {
  const id = randomInt(0, 0x10000);
  const bytes = packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type: rrtype as packet.RecordType, name, class: 'IN' }] });
  return { id, bytes };
}

/** The reply is ours: same id and the same question (a late answer to an earlier query is not). */
const answers = (response: packet.Packet, id: number, name: string, rrtype: string): boolean =>
  response.id === id && response.type === 'response' && response.questions?.[0]?.name.toLowerCase() === name.toLowerCase() && response.questions[0].type === rrtype;

function askUdp(server: WireServer, name: string, rrtype: string, timeoutMs: number): Promise<packet.Packet> {
  const { id, bytes } = question(name, rrtype);
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      socket.close();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new WireFailure('ETIMEOUT', `no answer from ${server.host}:${server.port} in ${timeoutMs} ms`))), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(new WireFailure('ECONNREFUSED', `${server.host}:${server.port}: ${error.code ?? error.message}`))));
    socket.on('message', (message) => {
      let response: packet.Packet;
      try {
        response = packet.decode(message);
      } catch {
        return; // not a DNS message: keep waiting for the real answer until the timeout
      }
      if (answers(response, id, name, rrtype)) finish(() => resolve(response));
    });
    socket.send(bytes, server.port, server.host);
  });
}

function askTcp(server: WireServer, name: string, rrtype: string, timeoutMs: number): Promise<packet.Packet> {
  const { id, bytes } = question(name, rrtype);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      socket.destroy();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new WireFailure('ETIMEOUT', `no TCP answer from ${server.host}:${server.port} in ${timeoutMs} ms`))), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(new WireFailure('ECONNREFUSED', `${server.host}:${server.port} over TCP: ${error.code ?? error.message}`))));
    socket.on('connect', () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(bytes.length);
      socket.write(Buffer.concat([prefix, bytes]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > MAX_TCP_ANSWER) return finish(() => reject(new WireFailure('ESERVFAIL', 'the TCP answer is longer than a DNS message can be')));
      const all = Buffer.concat(chunks);
      if (all.length < 2 || all.length < 2 + all.readUInt16BE(0)) return;
      try {
        const response = packet.decode(all.subarray(2, 2 + all.readUInt16BE(0)));
        finish(() => (answers(response, id, name, rrtype) ? resolve(response) : reject(new WireFailure('ESERVFAIL', 'the TCP answer is for another question'))));
      } catch (error) {
        finish(() => reject(new WireFailure('ESERVFAIL', `unreadable TCP answer: ${(error as Error).message}`)));
      }
    });
  });
}
