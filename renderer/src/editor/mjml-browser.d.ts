declare module 'mjml-browser' {
  import type mjml2html from 'mjml';
  const compile: typeof mjml2html;
  export default compile;
}
