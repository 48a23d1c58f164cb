/**
 * What a new person edits first: a short, real newsletter in MJML that shows the
 * things the linter talks about (preheader, alt text, a button, an unsubscribe link).
 */
export const STARTER_NAME = 'starter.mjml';

export const STARTER_MJML = `<mjml lang="en">
  <mj-head>
    <mj-title>Your October update</mj-title>
    <mj-preview>Three things we shipped this month, and one we need your opinion on.</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1c1f24" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="24px" font-weight="bold">Hello {{first_name}},</mj-text>
        <mj-text>
          This month we made exports twice as fast, added a dark theme and fixed
          the bug that hid long subject lines. Tell us what to build next.
        </mj-text>
        <mj-button href="https://example.com/survey" background-color="#2459c9">Answer the 2-minute survey</mj-button>
        <mj-image src="https://example.com/chart.png" alt="Export time fell from 8 to 4 seconds" width="480px" />
      </mj-column>
    </mj-section>
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="#56606e" align="center">
          You get this because you signed up at example.com.
          <a href="https://example.com/unsubscribe">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

/** File › New: the smallest valid MJML document, ready to type into. */
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
