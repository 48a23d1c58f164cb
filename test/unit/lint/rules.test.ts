import { describe, expect, it } from 'vitest';
import { allRules, lint, type LintInput } from '../../../shared/lint/index';
import { cleanBody, eml, html, words } from './samples';

const p = (text: string) => html(`<p>${text}</p>`);
const subject = (text: string) => eml({ headers: { Subject: text } });
const img = '<img src="https://example.com/photo.png" width="300" height="200" alt="Team photo">';
const linkedImg = `<a href="https://example.com/offer">${img}</a>`;
/** A bare HTML document (no sample boilerplate): its own length is what SpamAssassin measures. */
const raw = (body: string): LintInput => ({ kind: 'html', source: `<html><body>${body}</body></html>` });
/** `prefix` then ordinary words, the whole document exactly `total` characters long. */
const sized = (prefix: string, total: number): LintInput => raw(`${prefix}<p>${words(total - `<html><body>${prefix}<p></p></body></html>`.length)}</p>`);
/** `joins` words split by an inline tag (each one obfuscation per two tags) and `breaks` harmless <br> tags. */
const split = (joins: number, breaks: number) => `${'ab<i>cd</i> '.repeat(joins)}${'x <br> '.repeat(breaks)}`;

/** One message that must fire each rule and one that must not (a near miss where there is one). */
const cases: Record<string, { fires: LintInput; clean: LintInput }> = {
  GTUBE: { fires: p('XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'), clean: p('XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD') },
  REPLICA_WATCH: { fires: p('Buy a replica Rolex today'), clean: p('The replica of the old station clock') },
  DRUGS_SMEAR1: { fires: p('ViagraCialis for less'), clean: p('Viagra and Cialis were discussed by the panel') },
  MALE_ENHANCE: { fires: p('male enhancement pills'), clean: p('the male choir needs enhancing') },
  DEAR_WINNER: { fires: p('Dear lucky winner'), clean: p('Dear Ana, we announced the results of the contest and the prize winner') },
  MONEY_BACK: { fires: p('a money back guarantee'), clean: p('money back within 30 days') },
  EXCUSE_REMOVE: { fires: p('to be removed from our mailings reply'), clean: p('to be removed from the group chat') },
  MORE_SEX: { fires: p('increased stamina'), clean: p('increased sales') },
  DRUG_ED_CAPS: { fires: p('Buy VIAGRA now'), clean: p('Viagra is a brand name') },
  FREE_QUOTE_INSTANT: { fires: p('Get your free instant quote'), clean: p('a free quote from our founder') },
  UNCLAIMED_MONEY: { fires: p('You have unclaimed funds'), clean: p('unclaimed luggage at the desk') },
  GUARANTEED_100_PERCENT: { fires: p('100% guaranteed'), clean: p('100% recycled paper') },
  TVD_QUAL_MEDS: { fires: p('quality meds shipped'), clean: p('quality measures shipped') },
  DEAR_FRIEND: { fires: p('Dear Friend, I write to you'), clean: p('Dear Friends of the library') },
  EXCUSE_4: { fires: p('To be removed, please reply'), clean: p('To be reviewed, please reply') },
  BANKING_LAWS: { fires: p('strict banking laws'), clean: p('banking hours') },
  NO_MEDICAL: { fires: p('no medical exam required'), clean: p('no medical advice here') },
  DEAR_SOMETHING: { fires: p('Dear Sir, hello'), clean: p('Dear Ana, hello') },
  TVD_VISIT_PHARMA: { fires: p('Visit our Online Pharmacy'), clean: p('Ask our online pharmacist') },
  NO_PRESCRIPTION: { fires: p('No prescription needed'), clean: p('Prescription needed') },
  ONE_TIME: { fires: p('a one time offer'), clean: p('one time zone') },
  IMPOTENCE: { fires: p('erectile dysfunction'), clean: p('dysfunction of the printer') },
  BANG_GUAR: { fires: p('Results guaranteed!'), clean: p('Results guaranteed.') },
  ONLINE_PHARMACY: { fires: p('the best online pharmacy'), clean: p('pharmacy online hours') },
  SUBJ_YOUR_FAMILY: { fires: subject('Protect your family'), clean: subject('Protect your home') },
  SUBJ_AS_SEEN: { fires: subject('As seen on TV'), clean: subject('Seen on TV') },
  TVD_SUBJ_WIPE_DEBT: { fires: subject('Wipe out your debt today'), clean: subject('Wipe out the weeds') },
  SUBJECT_DIET: { fires: subject('Lose 10 pounds fast'), clean: subject('Lose the clutter') },
  ENGLISH_UCE_SUBJECT: { fires: subject('ADV: cheap loans'), clean: subject('Advice on loans') },
  UPPERCASE_50_75: { fires: p('BIG SALE now '.repeat(30)), clean: p('big sale now '.repeat(30)) },
  UPPERCASE_75_100: { fires: p('HUGE SALE '.repeat(30)), clean: p('HUGE SALE') },
  // SpamAssassin's semantics: the length of the raw HTML part (not its visible text) with an <img> in it.
  HTML_IMAGE_ONLY_04: { fires: sized(img, 300), clean: sized('', 300) },
  HTML_IMAGE_ONLY_08: { fires: sized(img, 700), clean: sized(img, 900) },
  HTML_IMAGE_ONLY_12: { fires: sized(img, 1100), clean: sized(img, 1300) },
  HTML_IMAGE_ONLY_16: { fires: sized(img, 1500), clean: sized(img, 1700) },
  HTML_IMAGE_ONLY_20: { fires: sized(img, 1900), clean: sized(img, 2100) },
  HTML_IMAGE_ONLY_24: { fires: sized(img, 2300), clean: sized(img, 2500) },
  HTML_IMAGE_ONLY_28: { fires: sized(img, 2700), clean: sized(img, 2900) },
  HTML_IMAGE_ONLY_32: { fires: sized(img, 3100), clean: sized(img, 3300) },
  HTML_SHORT_LINK_IMG_1: { fires: sized(linkedImg, 500), clean: sized(img, 500) },
  HTML_SHORT_LINK_IMG_2: { fires: sized(linkedImg, 1200), clean: sized(img, 1200) },
  HTML_SHORT_LINK_IMG_3: { fires: sized(linkedImg, 1800), clean: sized(linkedImg, 2500) },
  // HTML.pm's obfuscation ratio: text pieces that continue a word across a tag, per tag.
  HTML_OBFUSCATE_05_10: { fires: raw(split(3, 30)), clean: raw(split(0, 30)) },
  HTML_OBFUSCATE_10_20: { fires: raw(split(3, 10)), clean: raw(split(0, 10)) },
  HTML_OBFUSCATE_20_30: { fires: raw(split(5, 5)), clean: raw(split(0, 5)) },
  NORMAL_HTTP_TO_IP: { fires: html('<p><a href="http://203.0.113.9/offer">Read the report</a></p>'), clean: html('<p><a href="http://example.com/offer">Read the report</a></p>') },
  HTTPS_HTTP_MISMATCH: { fires: html('<p><a href="http://example.com/">https://secure.example.org/</a></p>'), clean: html('<p><a href="https://example.com/">https://example.com/</a></p>') },
  URI_DATA: { fires: html('<p><a href="data:text/html;base64,PGI+aGk8L2I+">Open</a></p>'), clean: html('<p><a href="https://example.com/open">Open</a></p>') },
  HIDDEN_TEXT: { fires: html(`${cleanBody}<div style="display:none">cheap pills cheap pills</div>`), clean: html(cleanBody) },
  HTML_FONT_LOW_CONTRAST: { fires: html('<p style="color:#fefefe">Words nobody sees</p>'), clean: html('<p style="color:#333333">Words everybody sees</p>') },
  MIME_HTML_ONLY: { fires: eml({ text: null }), clean: eml() },
  MPART_ALT_DIFF: { fires: eml({ text: 'Gardening tips: tomatoes, compost heaps, watering cans.' }), clean: eml() },
  HTML_TITLE_SUBJ_DIFF: { fires: subject('Hi'), clean: eml() },
  SUBJ_ALL_CAPS: { fires: subject('YOUR MARCH STATEMENT'), clean: subject('Your March statement') },
  FROM_BLANK_NAME: { fires: eml({ headers: { From: '"" <news@example.com>' } }), clean: eml() },
  MISSING_DATE: { fires: eml({ headers: { Date: undefined } }), clean: eml() },
  MISSING_MID: { fires: eml({ headers: { 'Message-ID': undefined } }), clean: eml() },
  SPAM_SCORE: { fires: p('XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'), clean: html() },

  'img-alt': { fires: html('<p>Hi</p><img src="https://example.com/a.png" width="100" height="50">'), clean: html('<p>Hi</p><img src="https://example.com/a.png" width="100" height="50" alt="Chart">') },
  'linked-img-alt': { fires: html('<a href="https://example.com/"><img src="https://example.com/a.png" width="100" alt=""></a>'), clean: html('<a href="https://example.com/"><img src="https://example.com/a.png" width="100" alt="Example home"></a>') },
  'html-lang': { fires: html(cleanBody, { lang: '' }), clean: html() },
  'layout-table-role': { fires: html('<table><tr><td>Total</td></tr></table>'), clean: html('<table><tr><th>Item</th></tr><tr><td>Total</td></tr></table>') },
  'vague-link-text': { fires: html('<p><a href="https://example.com/report">click here</a></p>'), clean: html() },
  'heading-order': { fires: html('<h1>Statement</h1><h3>Payments</h3>'), clean: html('<h1>Statement</h1><h2>Payments</h2>') },
  'low-contrast': { fires: html('<p style="color:#999999">Grey words</p>'), clean: html('<p style="color:#222222">Dark words</p>') },
  'tiny-font': { fires: html('<p style="font-size:10px">Small words</p>'), clean: html('<p style="font-size:14px">Normal words</p>') },

  'http-link': { fires: html('<p><a href="http://example.com/report">Report</a></p>'), clean: html() },
  'http-image': { fires: html('<img src="http://example.com/a.png" width="10" alt="Logo">'), clean: html('<img src="https://example.com/a.png" width="10" alt="Logo">') },
  'empty-href': { fires: html('<p><a href="#">Report</a></p>'), clean: html() },
  'javascript-href': { fires: html('<p><a href="javascript:alert(1)">Report</a></p>'), clean: html() },
  'relative-url': { fires: html('<p><a href="/account">Account</a></p>'), clean: html('<p><a href="{{account_url}}">Account</a></p>') },
  'image-dimensions': { fires: html('<img src="https://example.com/a.png" alt="Logo">'), clean: html('<img src="https://example.com/a.png" width="120" alt="Logo">') },
  'base64-image': { fires: html('<img src="data:image/png;base64,iVBORw0KGgo=" width="10" alt="Dot">'), clean: html('<img src="https://example.com/dot.png" width="10" alt="Dot">') },
  'tracking-params': { fires: html('<p><a href="https://example.com/x?utm_source=news">Report</a></p>'), clean: html() },

  doctype: { fires: html(cleanBody, { doctype: false }), clean: html() },
  title: { fires: html(cleanBody, { title: '' }), clean: html() },
  preheader: { fires: html(cleanBody, { preheader: false }), clean: html() },
  'max-width': { fires: html('<table role="presentation" width="800"><tr><td>Wide</td></tr></table>'), clean: html('<table role="presentation" width="600"><tr><td>Fits</td></tr></table>') },
  'forbidden-element': { fires: html(`${cleanBody}<script>alert(1)</script>`), clean: html() },
  'unsupported-element': { fires: html(`${cleanBody}<form action="https://example.com/f"><input type="text" name="q"></form>`), clean: html() },
  'gmail-clip': { fires: html(`<p>${words(105 * 1024)}</p>`), clean: html(`<p>${words(90 * 1024)}</p>`) },
  'lint-budget': { fires: html('<p>x</p>'.repeat(10_000)), clean: html('<p>x</p>'.repeat(9_000)) },
  'mjml-unclosed-tag': {
    fires: { kind: 'mjml', source: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-body></mjml>', compiledHtml: '' },
    clean: { kind: 'mjml', source: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text><mj-image src="https://example.com/a.png" /></mj-column></mj-section></mj-body></mjml>', compiledHtml: '' },
  },

  'list-unsubscribe': { fires: eml({ headers: { 'List-Unsubscribe': undefined, 'List-Unsubscribe-Post': undefined } }), clean: eml() },
  'one-click-unsubscribe': { fires: eml({ headers: { 'List-Unsubscribe-Post': undefined } }), clean: eml() },
  'visible-unsubscribe': { fires: eml({ footer: '<p>Example Co, 100 Main Street, Springfield, IL 62701.</p>', text: 'Hello. Example Co, 100 Main Street, Springfield, IL 62701.' }), clean: eml() },
  'postal-address': { fires: eml({ footer: '<p><a href="https://example.com/unsubscribe">Unsubscribe</a></p>', text: 'Hello. Unsubscribe: https://example.com/unsubscribe' }), clean: eml() },
};

/** Rules that fired: findings, and SpamAssassin's informational rules, which a template counts without a finding. */
const rulesOf = (input: LintInput) => {
  const result = lint(input);
  return new Set([...result.findings.map((finding) => finding.rule), ...result.spamHits.map((hit) => hit.rule)]);
};

describe('every rule fires on its example and stays quiet on the near miss', () => {
  for (const [rule, { fires, clean }] of Object.entries(cases)) {
    it(rule, () => {
      expect(rulesOf(fires), `${rule} should fire`).toContain(rule);
      expect(rulesOf(clean), `${rule} should not fire`).not.toContain(rule);
    });
  }

  it('has a case for every rule the engine declares (compatibility is tested feature by feature elsewhere; mjml-validation in the CLI test)', () => {
    // SpamAssassin's own ~2,900 rules are judged against real SpamAssassin (test/integration/lint/spam-fidelity.test.ts).
    const fromSpamAssassin = (r: ReturnType<typeof allRules>[number]) => r.family === 'spam' && r.source.startsWith('SpamAssassin 4.0.1');
    const declared = allRules().filter((r) => !fromSpamAssassin(r)).map((r) => r.id).filter((id) => !id.startsWith('caniemail/') && id !== 'mjml-validation');
    expect(declared.filter((id) => !(id in cases))).toEqual([]);
  });

  it('the clean samples have no warnings or errors outside compatibility', () => {
    for (const input of [html(), eml()]) {
      const loud = lint(input).findings.filter((f) => f.severity !== 'info' && f.family !== 'compatibility');
      expect(loud.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    }
  });

  it('gives SpamAssassin scores to ported rules and adds them up', () => {
    const result = lint(p('Get your free instant quote, a money back guarantee'));
    const rules = result.findings.filter((f) => f.family === 'spam');
    expect(rules.map((f) => [f.rule, f.score])).toEqual(expect.arrayContaining([['FREE_QUOTE_INSTANT', 2.7], ['MONEY_BACK', 2.91]]));
    expect(result.spamScore).toBeCloseTo(5.61, 2);
    expect(rules.find((f) => f.rule === 'SPAM_SCORE')?.severity).toBe('error');
  });

  it('offers quick fixes as edits in the HTML the user edits', () => {
    const input = html('<p><a href="http://example.com/report">Report</a></p><img src="https://example.com/a.png" width="10">');
    const findings = lint(input).findings;
    const http = findings.find((f) => f.rule === 'http-link')!;
    const edit = http.quickFixes![0]!.edits[0]!;
    const line = input.source.split('\n')[edit.range.startLine - 1]!;
    expect(line.slice(edit.range.startColumn - 1, edit.range.endColumn - 1)).toBe('http://');
    expect(findings.find((f) => f.rule === 'img-alt')!.quickFixes![0]!.edits[0]!.text).toBe(' alt=""');
  });
});
