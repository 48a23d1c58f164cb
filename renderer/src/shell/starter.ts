/**
 * File › New when the editor is not open to show its starter gallery: the smallest
 * valid MJML document, ready to type into.
 */
export const BLANK_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;
