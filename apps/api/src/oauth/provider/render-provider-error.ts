import type { KoaContext } from 'oidc-provider';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * The page a browser gets when an authorization request cannot be sent back to its client (an unknown client, a
 * redirect URI not in its metadata): what went wrong, in the spec's terms, and nothing else. No scripts, no
 * outside fonts, so it passes the api's own CSP.
 */
export async function renderProviderError(
  ctx: KoaContext,
  out: { error?: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  ctx.body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in failed</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>The MCP client's sign-in request was refused</h1>
<p><strong>${escape(out.error ?? 'invalid_request')}</strong>: ${escape(out.error_description ?? '')}</p>
<p>Close this page and tell whoever set up the MCP client.</p>
</body>
</html>`;
}
