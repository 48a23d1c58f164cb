import fc from 'fast-check';
import { applyClient, clientIds } from '../../../shared/clients/index';
import { flexDarkTemplate } from '../../unit/clients/sample';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const cssPiece = fc.constantFrom(
  '@media (prefers-color-scheme: dark) {', '@media screen and (max-width:600px){', '@supports (display:grid) {', '@import url("https://fonts.googleapis.com/css?family=Inter");',
  '@font-face { font-family: X; src: url(x.woff2) }', '@keyframes k { from { opacity: 0 } to { opacity: 1 } }', '.a:hover { color: red }', '[data-x] { gap: 4px }',
  '.row { display: flex; flex-direction: column }', 'p { color: #fff !important; background: linear-gradient(#000, #fff) }', '}', '{', ';', '/*', '*/', 'color:', 'rgba(0 0 0 / .5)',
);
const stylesheet = fc.array(cssPiece, { maxLength: 12 }).map((parts) => `<style>${parts.join(' ')}</style>`);
const inline = fc.array(fc.constantFrom('display:flex', 'gap:8px', 'color:#111', 'background-color:#fafafa', 'margin:-1px', 'border-radius:4px', 'box-shadow:0 0 1px red', 'x', ':', ';', '"'), { maxLength: 6 }).map(
  (parts) => `<div style="${parts.join(';').replace(/"/g, '&quot;')}" bgcolor="#ffffff"><font color="#000">t</font></div>`,
);
const markup = fc.array(fc.oneof(stylesheet, inline, fc.constantFrom('<!--[if mso]><table><tr><td><![endif]-->', '<!--[if !mso]><!-->', '<!--<![endif]-->', '<video><img src="a.png"></video>', '<svg></svg>', '<form><input></form>', '<link rel="stylesheet" href="x.css">', '<head>', '<body>', '</style>')), { maxLength: 10 }).map((parts) => parts.join('\n'));

/** The client preview transform: any markup, every client, light and dark; every change on a line of the input. */
export const clientPreviewTarget: FuzzTarget = {
  name: 'client-preview',
  summary: 'client preview transform (shared/clients)',
  input: fc.oneof({ weight: 3, arbitrary: markup }, { weight: 3, arbitrary: mutated([flexDarkTemplate], 8) }, { weight: 1, arbitrary: anyText }),
  runs: 8_000,
  run(source) {
    const lines = source.split('\n').length;
    const client = clientIds[source.length % clientIds.length]!;
    const preview = applyClient(source, client, { dark: source.length % 2 === 1 });
    if (typeof preview.html !== 'string') throw new Error('no HTML out');
    for (const change of preview.changes) {
      if (!Number.isInteger(change.line) || change.line < 1 || change.line > lines) throw new Error(`change on line ${change.line} of ${lines}: ${change.summary}`);
    }
  },
};
