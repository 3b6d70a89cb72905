import { tokenHashPrefix } from '@gw/security';

const MCP_TOKEN_IN_PATH = /\/mcp\/([^/?#]+)/;
const SECRET_QUERY = /([?&](?:token|code|client_secret|access_token|state)=)[^&#]*/gi;

/** The MCP URL token is a secret: logs show a short hash of it instead, and secret query values are masked. */
export function redactUrl(url: string): string {
  return url
    .replace(MCP_TOKEN_IN_PATH, (_, token: string) => `/mcp/[token:${tokenHashPrefix(token)}]`)
    .replace(SECRET_QUERY, '$1[redacted]');
}
