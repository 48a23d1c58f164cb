import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export type StartTlsProbe =
  | { kind: 'tls'; protocol: string; authorized: boolean; authorizationError?: string; subject?: string; altNames?: string; validTo?: string }
  | { kind: 'no-starttls'; greeting: string }
  | { kind: 'unreachable'; reason: string };

const NETWORK_DOWN = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNREFUSED', 'EADDRNOTAVAIL', 'ECONNRESET']);

/**
 * Connects to an MX on port 25, asks for STARTTLS and reads the certificate it offers. The
 * whole exchange has one deadline, so an unreachable network costs `timeoutMs` and no more.
 */
export function probeStartTls(host: string, ip: string, port: number, timeoutMs: number): Promise<StartTlsProbe> {
  return new Promise((resolve) => {
    let socket: Socket = tcpConnect({ host: ip, port });
    let buffer = '';
    let stage: 'greeting' | 'ehlo' | 'starttls' | 'tls' = 'greeting';
    const finish = (result: StartTlsProbe) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'unreachable', reason: `no answer from ${ip}:${port} within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'unreachable', reason: NETWORK_DOWN.has(error.code ?? '') ? `${error.code} connecting to ${ip}:${port}` : error.message }));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      // a reply is complete when its last line has a space after the code (RFC 5321 section 4.2.1)
      const lines = buffer.split('\r\n');
      const last = lines.at(-2);
      if (!last || !/^\d{3} /.test(last)) return;
      const reply = buffer;
      buffer = '';
      if (stage === 'greeting') {
        if (!reply.startsWith('220')) return finish({ kind: 'unreachable', reason: `the server greeted with ${last}` });
        stage = 'ehlo';
        socket.write('EHLO mailbench.invalid\r\n');
      } else if (stage === 'ehlo') {
        if (!/^250[ -]STARTTLS/im.test(reply)) return finish({ kind: 'no-starttls', greeting: last });
        stage = 'starttls';
        socket.write('STARTTLS\r\n');
      } else if (stage === 'starttls') {
        if (!reply.startsWith('220')) return finish({ kind: 'no-starttls', greeting: last });
        stage = 'tls';
        socket.removeAllListeners('data');
        const secure = tlsConnect({ socket, servername: host, rejectUnauthorized: false });
        socket = secure;
        secure.once('secureConnect', () => {
          const cert = secure.getPeerCertificate();
          finish({
            kind: 'tls',
            protocol: secure.getProtocol() ?? 'unknown',
            authorized: secure.authorized,
            ...(secure.authorizationError ? { authorizationError: String(secure.authorizationError) } : {}),
            ...(cert.subject?.CN ? { subject: String(cert.subject.CN) } : {}),
            ...(cert.subjectaltname ? { altNames: cert.subjectaltname } : {}),
            ...(cert.valid_to ? { validTo: cert.valid_to } : {}),
          });
        });
        secure.on('error', (error) => finish({ kind: 'unreachable', reason: `TLS handshake failed: ${error.message}` }));
      }
    });
  });
}
