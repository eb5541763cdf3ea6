/** The Content-Security-Policy of the UI, for both browser mode and the Electron protocol: no inline script, nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: for the page's own images only: a chart drawn as PNG loads its SVG from a blob: URL the
  // page made (renderer/corpus/svg.ts). No remote image can load, so nothing leaves the machine.
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');
