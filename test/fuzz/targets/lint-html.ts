import fc from 'fast-check';
import { lint } from '../../../shared/lint/index';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertRangesInside } from './ranges';

const sample = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Offer</title>
<style>@media (max-width:600px){.col{width:100%!important}} .dark{color:#fff}</style></head>
<body style="margin:0">
<!--[if mso]><table role="presentation"><tr><td><![endif]-->
<div style="display:none">Preheader text here</div>
<table role="presentation" width="600"><tr><td class="col">
<h1 style="font-size:28px">FREE!!! Act now</h1>
<p>Click <a href="https://example.com/?utm_source=x">here</a> or <a href="http://bit.ly/x">this</a>.</p>
<img src="https://example.com/a.png" width="600"><img src="cid:logo" alt="">
<a href="mailto:unsubscribe@example.com">Unsubscribe</a>
</td></tr></table>
<!--[if mso]></td></tr></table><![endif]-->
</body></html>`;

const tag = fc.constantFrom('a', 'img', 'table', 'tr', 'td', 'div', 'p', 'span', 'style', 'script', 'head', 'body', 'html', 'title', 'h1', 'center', 'font', 'form', 'iframe', 'svg', 'video', 'meta', 'link', 'br');
const attr = fc.tuple(fc.constantFrom('href', 'src', 'alt', 'style', 'width', 'class', 'role', 'lang', 'dir', 'bgcolor', 'onclick', 'title'), fc.oneof(fc.string({ maxLength: 40 }), fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'color:#fff;background:#fff', 'display:none', '100%', '', 'cid:x', 'data:image/png;base64,AAAA'))).map(
  ([name, value]) => `${name}="${value.replace(/"/g, '&quot;')}"`,
);
const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 40 }),
    fc.constantFrom('<!--', '-->', '<![endif]-->', '<!--[if mso]>', '&nbsp;', '&#x0;', '&amp', '</td>', '<td', '<', '>', 'FREE $$$ WINNER'),
    fc.tuple(tag, fc.array(attr, { maxLength: 4 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean()).map(
      ([name, attrs, children, close]) => `<${name} ${attrs.join(' ')}>${children.join('')}${close ? `</${name}>` : ''}`,
    ),
  ),
})).node;

/** The lint engine over HTML: every rule family on any markup, findings inside the source. */
export const lintHtmlTarget: FuzzTarget = {
  name: 'lint-html',
  summary: 'lint engine on HTML (shared/lint)',
  input: fc.oneof({ weight: 3, arbitrary: element }, { weight: 3, arbitrary: mutated([sample], 8) }, { weight: 1, arbitrary: anyText }),
  runs: 15_000,
  run(source) {
    const result = lint({ kind: 'html', source });
    if (!Number.isFinite(result.spamScore)) throw new Error(`spam score is ${result.spamScore}`);
    assertRangesInside(result.findings, source, 'lint html');
  },
};
