import fc from 'fast-check';
import { compileMjml } from '../../../electron/services/editor/compile';
import { lint } from '../../../shared/lint/index';
import { mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertRangesInside } from './ranges';

const sample = `<mjml>
  <mj-head><mj-title>Hi</mj-title><mj-preview>Preview text</mj-preview></mj-head>
  <mj-body width="600px">
    <mj-section background-color="#fff">
      <mj-column>
        <mj-text font-size="16px">Hello {{name}}, <a href="https://example.com">read more</a></mj-text>
        <mj-button href="https://example.com/buy">Buy now</mj-button>
        <mj-image src="https://example.com/x.png" alt="A picture" />
        <mj-divider />
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const component = fc.constantFrom('mj-section', 'mj-column', 'mj-text', 'mj-button', 'mj-image', 'mj-divider', 'mj-spacer', 'mj-table', 'mj-raw', 'mj-wrapper', 'mj-hero', 'mj-include', 'mj-unknown', 'div');
const attribute = fc.tuple(fc.constantFrom('href', 'src', 'alt', 'padding', 'width', 'color', 'font-size', 'css-class', 'path', 'background-url'), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}="${v.replace(/"/g, '')}"`);
const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 30 }),
    fc.tuple(component, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }), fc.boolean()).map(
      ([name, attrs, children, close]) => `<${name} ${attrs.join(' ')}>${children.join('\n')}${close ? `</${name}>` : ''}`,
    ),
  ),
})).node;
const structured = node.map((body) => `<mjml><mj-body>\n${body}\n</mj-body></mjml>`);

/** MJML input: mjml's compile in soft validation (as the editor runs it), then the lint engine on the result. */
export const mjmlTarget: FuzzTarget = {
  name: 'mjml',
  summary: 'MJML input: compile (electron/services/editor/compile.ts) and lint mapped back to MJML',
  input: fc.oneof({ weight: 1, arbitrary: structured }, { weight: 1, arbitrary: mutated([sample], 6) }),
  runs: 3_000,
  async run(source) {
    const outcome = await compileMjml(source, { validationLevel: 'soft', minify: false });
    for (const issue of outcome.issues) if (!(issue.line >= 1) || !issue.message) throw new Error(`an MJML issue without a line or message: ${JSON.stringify(issue)}`);
    if (outcome.html === undefined) return;
    const result = lint({ kind: 'mjml', source, compiledHtml: outcome.html });
    assertRangesInside(result.findings, source, 'lint mjml');
  },
};
