import { AppError } from '../../../shared/contract/errors';
import { isLoopbackHost } from '../../../shared/model/loopback';

/**
 * Security `none` (plain text unless the server offers STARTTLS, which an attacker on the path
 * can strip) sends the SMTP password and every message readable on the network. It exists for
 * test receivers on this machine, so it is refused for any other host, wherever a profile or a
 * run comes from (the app's profiles, the CLI, a stored run being resumed).
 */
export function assertTransportSecurity(target: { host: string; security: 'tls' | 'starttls' | 'none' }): void {
  if (target.security === 'none' && !isLoopbackHost(target.host)) {
    throw new AppError('invalid_input', `Security "none" is only allowed for a server on this machine (localhost, 127.x.x.x, ::1), not ${target.host}: the password and messages would cross the network in plain text.`, {
      hint: 'Choose STARTTLS (port 587) or TLS (port 465) for this server.',
      issues: [{ path: 'security', message: 'Use STARTTLS or TLS for a server that is not on this machine.' }],
    });
  }
}
