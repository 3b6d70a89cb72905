/** The request header through which the proxy hands each page render its nonce. */
export const NONCE_HEADER = 'x-nonce';

/**
 * The dashboard pages' policy: scripts only from this origin and, inline, only those carrying this response's
 * nonce (Next.js puts it on its own bootstrap scripts; the theme script takes it from the layout). Styles may be
 * inline: React and the charts set style attributes, which cannot carry a nonce.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
