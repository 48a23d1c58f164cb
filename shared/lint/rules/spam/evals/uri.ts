/** URIEval.pm, HTTPSMismatch.pm and ImageInfo's counts: checks over links and attached images. */
import { spamRuleData } from '../rules.generated';
import { type EvalContext, type EvalFn, memo, num } from './types';

// enlist_uri_host lists: domain -> listed (true) or excluded with a leading ! (false).
const uriHostLists = new Map(
  Object.entries(spamRuleData.lists.uriHosts).map(([name, hosts]) => [name, new Map(hosts.map((h) => (h.startsWith('!') ? [h.slice(1), false] : [h, true])))]),
);

/** WLBLEval _check_uri_host_listed: a link's host, or a parent domain of it, is in the list (and not excluded). */
function uriHostListed(ctx: EvalContext, list: string): boolean {
  const hosts = uriHostLists.get(list);
  if (!hosts) return false;
  return memo(ctx, `urihosts:${list}`, () => {
    const seen = new Set<string>();
    for (const uri of ctx.view.uris) {
      if (/^mailto:/i.test(uri)) continue;
      const host = /^[a-z][\w+.-]*:\/*(?:[^/@?#]*@)?([^/:?#]+)/i.exec(uri)?.[1]?.toLowerCase();
      if (!host || seen.has(host)) continue;
      seen.add(host);
      const keys = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? [host] : host.split('.').map((_, i, parts) => parts.slice(i).join('.'));
      for (const key of keys) {
        const verdict = hosts.get(key);
        if (verdict !== undefined) {
          if (verdict) return true;
          break;
        }
      }
    }
    return false;
  });
}

const IS_IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** RegistryBoundaries trim_domain, approximated: the registrable name (two labels, three under a two-letter ccSLD). */
function trimDomain(host: string): string {
  const parts = host.toLowerCase().split('.');
  if (parts.length <= 2) return parts.join('.');
  const sld = parts.at(-2)!;
  const twoLevel = parts.at(-1)!.length === 2 && /^(?:co|com|net|org|gov|ac|edu|or|ne|go)$/.test(sld);
  return parts.slice(twoLevel ? -3 : -2).join('.');
}

function imageCounts(ctx: EvalContext): Map<string, number> {
  return memo(ctx, 'images', () => {
    const counts = new Map<string, number>([['all', 0], ['gif', 0], ['png', 0], ['jpeg', 0]]);
    for (const p of ctx.view.message.leaves) {
      const m = /^image\/(gif|png|jpe?g)$/.exec(p.type);
      if (!m || p.encoding !== 'base64') continue;
      const type = m[1] === 'jpg' ? 'jpeg' : m[1]!;
      counts.set(type, (counts.get(type) ?? 0) + 1);
      counts.set('all', counts.get('all')! + 1);
    }
    return counts;
  });
}

export const uriEvals: Array<[string, EvalFn]> = [
  [
    'check_https_http_mismatch',
    (ctx, [minAnchors, maxAnchors]) => {
      const min = num(minAnchors) || 1;
      return ctx.view.htmlAll.some((html) => {
        let hit = false;
        let anchors = 0;
        for (const [k, v] of html.results.uris) {
          if (!v.anchorText.length) continue;
          const host = /^https?:\/\/([^/:?#]+)/i.exec(k)?.[1];
          if (!host || IS_IPV4.test(host) || !host.includes('.')) continue;
          const uri = trimDomain(host);
          anchors++;
          for (const text of v.anchorText) {
            const m = /https:\/\/([^\s/:?#]+)/i.exec(text);
            if (!m) continue;
            const https = IS_IPV4.test(m[1]!) ? m[1]! : m[1]!.includes('.') ? trimDomain(m[1]!) : '';
            if (!https || https === uri) continue;
            hit = true;
            break;
          }
        }
        return hit && anchors >= min && (maxAnchors === undefined || anchors < num(maxAnchors));
      });
    },
  ],
  [
    'check_https_ip_mismatch',
    (ctx) =>
      ctx.view.htmlAll.some((html) =>
        [...html.results.uris].some(([k, v]) => /^https?:\/*(?:[^@/]+@)?\d+\.\d+\.\d+\.\d+/i.test(k) && v.anchorText.some((t) => !/^https:\/*(?:[^@/]+@)?\d+\.\d+\.\d+\.\d+/i.test(t) && /https:/i.test(t))),
      ),
  ],
  ['check_uri_host_listed', (ctx, [list]) => uriHostListed(ctx, String(list))],
  ['check_uri_truncated', (ctx) => ctx.view.htmlAll.some((h) => h.results.tests.has('uri_truncated'))],
  [
    'image_count',
    (ctx, [type, min, max]) => {
      if (min === undefined) return false;
      const count = imageCounts(ctx).get(String(type)) ?? 0;
      return count >= num(min) && (max === undefined || count <= num(max));
    },
  ],
];
