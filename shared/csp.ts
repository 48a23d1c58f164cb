/**
 * The app's Content Security Policy, sent as a header by both hosts and written as a
 * meta tag in renderer/index.html. `img-src https:` exists only so the preview's
 * "remote images on" mode can work: a srcdoc frame inherits this policy and the email
 * gets a stricter one of its own injected (see renderer/src/preview).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
