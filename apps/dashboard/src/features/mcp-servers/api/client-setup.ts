export type ClientId = 'claude-desktop' | 'claude-ai' | 'chatgpt' | 'cursor' | 'vscode';

export interface ClientSetup {
  id: ClientId;
  label: string;
  /** Where the snippet goes, or the steps to follow. */
  instructions: string;
  /** What to paste (a config file or the URL itself). */
  snippet: string;
  language: 'json' | 'text';
}

const AUTH_PLACEHOLDER = 'Bearer cgw_…';

/**
 * Ready-to-paste setup for the MCP clients people use, for one server URL. With `requireApiToken` the snippets
 * carry the `Authorization` header the URL then also needs (the token itself is the user's to fill in).
 */
export function clientSetups(url: string, requireApiToken: boolean): ClientSetup[] {
  const insecure = url.startsWith('http://');
  const remoteArgs = ['-y', 'mcp-remote', url];
  if (requireApiToken) remoteArgs.push('--header', 'Authorization:${CLICKUP_GW_AUTH}');
  if (insecure) remoteArgs.push('--allow-http');
  const claudeDesktop = {
    mcpServers: {
      clickup: {
        command: 'npx',
        args: remoteArgs,
        ...(requireApiToken ? { env: { CLICKUP_GW_AUTH: AUTH_PLACEHOLDER } } : {}),
      },
    },
  };
  const headers = requireApiToken ? { headers: { Authorization: AUTH_PLACEHOLDER } } : {};
  const cursor = { mcpServers: { clickup: { url, ...headers } } };
  const vscode = { servers: { clickup: { type: 'http', url, ...headers } } };
  const hostedNote = requireApiToken
    ? ' This server also requires an API token in an Authorization header, which this client cannot send: create a server without that requirement for it.'
    : '';

  return [
    {
      id: 'claude-desktop',
      label: 'Claude Desktop',
      instructions: `Add to claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop. It uses the mcp-remote bridge, which needs Node.js.${requireApiToken ? ' Replace cgw_… with an API token of your organization.' : ''}`,
      snippet: JSON.stringify(claudeDesktop, null, 2),
      language: 'json',
    },
    {
      id: 'claude-ai',
      label: 'claude.ai',
      instructions: `Settings → Connectors → Add custom connector, then paste this URL. The gateway must be reachable from the internet over HTTPS.${hostedNote}`,
      snippet: url,
      language: 'text',
    },
    {
      id: 'chatgpt',
      label: 'ChatGPT',
      instructions: `Settings → Connectors → Advanced → Developer mode, then Create: paste this URL and choose "No authentication" (the URL is the secret).${hostedNote}`,
      snippet: url,
      language: 'text',
    },
    {
      id: 'cursor',
      label: 'Cursor',
      instructions: `Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project).${requireApiToken ? ' Replace cgw_… with an API token of your organization.' : ''}`,
      snippet: JSON.stringify(cursor, null, 2),
      language: 'json',
    },
    {
      id: 'vscode',
      label: 'VS Code',
      instructions: `Add to .vscode/mcp.json in your workspace.${requireApiToken ? ' Replace cgw_… with an API token of your organization.' : ''}`,
      snippet: JSON.stringify(vscode, null, 2),
      language: 'json',
    },
  ];
}
