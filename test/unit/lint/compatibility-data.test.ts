import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getAllFeatures, rawData } from 'caniemail';
import { describe, expect, it } from 'vitest';
import { features, type SupportCode } from '../../../shared/lint/rules/compatibility/data/caniemail';
// @ts-expect-error the generator's helper is plain ESM JavaScript without types
import { keyOrder, newestVersion, parseKeepingKeyOrder } from '../../../shared/lint/rules/compatibility/data/versions.mjs';
import { defaultClients } from '../../../shared/lint/rules/compatibility/policy';

const require = createRequire(import.meta.url);
type Stats = Record<string, Record<string, Record<string, string>>>;
const raw = parseKeepingKeyOrder(readFileSync(require.resolve('caniemail/caniemail.json'), 'utf8')) as { data: Array<{ slug: string; title: string; stats: Stats; notes_by_num: Record<string, string> | null }> };
const apiType: Record<SupportCode, string> = { y: 'full', n: 'none', a: 'partial', u: 'partial' };

/** Our verdict for one feature and client, in the API's words: support type and note texts. */
function ours(slug: string, client: string): { support: string; notes: string[] } | undefined {
  const feature = features[slug]!;
  const entry = feature.support[client];
  if (entry === undefined) return undefined;
  const [code, numbers] = typeof entry === 'string' ? [entry, ''] : entry;
  return { support: apiType[code], notes: numbers ? numbers.split(',').flatMap((n) => feature.notes[n] ?? []) : [] };
}

const clients = [...new Set(raw.data.flatMap((f) => Object.entries(f.stats).flatMap(([family, platforms]) => Object.keys(platforms).map((p) => `${family}.${p}`))))];
// caniemail 1.0.5 cites note #1 for :link in Outlook.com and Outlook for Mac but has no notes for it (notes_by_num
// null), and the API then throws for those clients; an empty note table lets it answer (the note is not there either way).
for (const feature of rawData.data) if (feature.notes_by_num === null) feature.notes_by_num = {};
const api = getAllFeatures(clients as Parameters<typeof getAllFeatures>[0]);
/** caniemail's own verdict (its getAllFeatures, on the same caniemail.json) for one feature title and client. */
function theirs(title: string, client: string): { support: string; notes: string[] } | undefined {
  const key = client as Parameters<typeof getAllFeatures>[0][number];
  const found = [...(api.supported.get(key) ?? []), ...(api.unsupported.get(key) ?? [])].filter((v) => v.title === title);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] && { support: found[0].support, notes: found[0].notes.filter((n: string | undefined) => n !== undefined) };
}

describe('vendored caniemail data against caniemail\'s API', () => {
  it('gives the same verdict as the API for every feature and client, except where the API takes an older version as the newest', () => {
    let compared = 0;
    const apiTookOlder: string[] = [];
    for (const feature of raw.data) {
      for (const [family, platforms] of Object.entries(feature.stats)) {
        for (const [platform, versions] of Object.entries(platforms)) {
          const client = `${family}.${platform}`;
          const mine = ours(feature.slug, client);
          const their = theirs(feature.title, client);
          expect(mine, `${feature.slug} ${client}`).toBeDefined();
          compared++;
          if (JSON.stringify(mine) === JSON.stringify(their)) continue;
          // The API sorts version keys as strings (its getSupportType); caniemail lists versions oldest first.
          const apiPick = Object.keys(versions).sort().at(-1)!;
          const order = (versions as unknown as Record<symbol, string[]>)[keyOrder as symbol]!;
          expect(order.indexOf(apiPick), `${feature.slug} ${client}: the API's pick ${apiPick} is listed before the newest`).toBeLessThan(order.length - 1);
          expect(mine!.support).toBe(apiType[versions[newestVersion(versions)]!.trim()[0] as SupportCode]);
          apiTookOlder.push(`${feature.slug} ${client} (${apiPick} over ${newestVersion(versions)})`);
        }
      }
    }
    expect(compared).toBeGreaterThan(8000);
    // Within the default audience the API's string sort misleads once: iOS "6.1" sorts above "12.2".
    expect(apiTookOlder.filter((d) => defaultClients.some((c) => d.includes(` ${c} `)))).toEqual(['css-max-width apple-mail.ios (6.1 over 12.2)']);
    // Elsewhere mostly Outlook for Mac, whose "2016" sorts above its later build "16.80".
    expect(apiTookOlder.filter((d) => d.includes(' outlook.macos ')).length).toBeGreaterThan(50);
  });

  it('reads the newest version, not the last key JavaScript gives (integer-like keys first): the 12 pairs of issue 18', () => {
    const code = (slug: string, client: string) => {
      const entry = features[slug]!.support[client];
      return typeof entry === 'string' ? entry : entry?.[0];
    };
    // Apple Mail macOS: {"12.4": "n", "16": "y"} and friends, where JSON.parse put "16" first.
    expect(code('css-pseudo-class-focus', 'apple-mail.macos')).toBe('y');
    expect(code('css-pseudo-class-active', 'apple-mail.macos')).toBe('a');
    expect(code('css-border-inline-block', 'apple-mail.macos')).toBe('y');
    expect(code('css-border-inline-block-individual', 'apple-mail.macos')).toBe('y');
    expect(code('css-border-radius-logical', 'apple-mail.macos')).toBe('y');
    // Apple Mail iOS: {"11.4": ..., "12": "y", ...}: logical margins and paddings are supported.
    for (const slug of ['css-margin-block-start-end', 'css-margin-inline-block', 'css-margin-inline-start-end', 'css-padding-block-start-end', 'css-padding-inline-block', 'css-padding-inline-start-end']) {
      expect(code(slug, 'apple-mail.ios'), slug).toBe('y');
    }
    // The twelfth: max-width in Apple Mail iOS 12.2 is supported; a string sort would read the partial 6.1.
    expect(code('css-max-width', 'apple-mail.ios')).toBe('y');
  });
});
