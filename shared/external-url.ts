/**
 * The one rule for opening anything outside the app: http, https and mailto only,
 * no credentials in the URL, a host for web links. Everything else is refused.
 */
export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LENGTH = 8192;

/**
 * RFC 6068 lets a mailto: link carry any header; mail clients also honour `attach`/`attachment`
 * (Thunderbird, mutt, Evolution), which attach a local file such as ~/.ssh/id_rsa to the draft.
 * Only what a message link needs passes.
 */
const mailtoFields = new Set(['subject', 'body', 'cc', 'bcc']);

export function checkExternalUrl(raw: unknown): ExternalUrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'The link is empty.' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: `The link is longer than ${MAX_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'The link is not an absolute URL.' };
  }
  if (url.protocol === 'mailto:') {
    for (const name of url.searchParams.keys()) {
      if (!mailtoFields.has(name.toLowerCase())) {
        return { ok: false, reason: `Mail links with a "${name.slice(0, 40)}" field are not opened; only subject, body, cc and bcc are.` };
      }
    }
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `Links with ${url.protocol} are never opened; only http, https and mailto are.` };
  }
  if (!url.hostname) return { ok: false, reason: 'The link has no host.' };
  if (url.username || url.password) return { ok: false, reason: 'Links with a user name or password in them are not opened.' };
  return { ok: true, url: url.href };
}
