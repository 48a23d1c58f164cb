/**
 * Telling machine opens from human ones.
 *
 * Some ESPs say it outright: SendGrid's open event carries `sg_machine_open: true`
 * (Event Webhook reference). Mailgun, Postmark, Amazon SES and SparkPost export the
 * open's user agent and IP but no documented machine-open flag, so for them Mailbench
 * recognises Apple Mail Privacy Protection (MPP) by how its proxy fetches images, as
 * widely reported since iOS 15 / macOS Monterey (2021):
 * - the user agent is the bare token `Mozilla/5.0`, with no platform or engine after it;
 * - the request comes from Apple's own network, 17.0.0.0/8.
 * Either sign makes the open a machine open. Gmail's image proxy (`GoogleImageProxy`)
 * fetches when a person opens the message, so it stays a human open.
 */
export function looksLikeAppleMpp(userAgent: unknown, ip: unknown): boolean {
  if (typeof userAgent === 'string' && userAgent.trim() === 'Mozilla/5.0') return true;
  return typeof ip === 'string' && ip.startsWith('17.') && /^17\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
