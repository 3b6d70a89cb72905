import { tokenHashPrefix } from '@gw/security';

// A sign-in URL (`/mcp/servers/{id}`) holds no secret: its server id stays readable.
const MCP_TOKEN_IN_PATH = /\/mcp\/(?!servers\/)([^/?#]+)/;
const SECRET_QUERY =
  /([?&](?:token|code|client_secret|access_token|refresh_token|code_verifier|state|resume)=)[^&#]*/gi;

// A client calls the same MCP URL over and over: its SHA-256 prefix is worked out once, not on every log line.
const MAX_CACHED = 1000;
const prefixes = new Map<string, string>();

function cachedPrefix(token: string): string {
  let prefix = prefixes.get(token);
  if (prefix === undefined) {
    if (prefixes.size >= MAX_CACHED) prefixes.clear();
    prefix = tokenHashPrefix(token);
    prefixes.set(token, prefix);
  }
  return prefix;
}

/** The MCP URL token is a secret: logs show a short hash of it instead, and secret query values are masked. */
export function redactUrl(url: string): string {
  const path = url.replace(MCP_TOKEN_IN_PATH, (_, token: string) => `/mcp/[token:${cachedPrefix(token)}]`);
  return path.includes('?') ? path.replace(SECRET_QUERY, '$1[redacted]') : path;
}
