/**
 * Whether a host name or address is this machine: `localhost`, 127.0.0.0/8 or ::1.
 * Parsed, not prefix-matched: `127.example.com` is a remote name that starts with "127.".
 * Pure, so the renderer's forms and the main process use the same rule.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIpv4(bare)) return bare.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || (bare.startsWith('::ffff:') && isIpv4(bare.slice(7)) && bare.startsWith('::ffff:127.'));
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}
