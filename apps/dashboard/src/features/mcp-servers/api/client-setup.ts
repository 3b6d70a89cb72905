export type ClientId = 'claude-desktop' | 'claude-ai' | 'chatgpt' | 'claude-code' | 'cursor' | 'vscode';

export interface ClientSetup {
  id: ClientId;
  label: string;
  /** Where the snippet goes, or the steps to follow. */
  instructions: string;
  /** What to paste (a config file, a command or the URL itself). */
  snippet: string;
  language: 'json' | 'text' | 'shell';
}

/** The environment variables the secret-URL snippets read, so no secret is written into a file people commit. */
export const URL_VARIABLE = 'CLICKUP_MCP_URL';
export const AUTH_VARIABLE = 'CLICKUP_GW_AUTH';
const AUTH_PLACEHOLDER = 'Bearer cgw_…';
const SERVER_KEY = 'clickup';

/**
 * Setup for a sign-in server (`/mcp/servers/{id}`): the URL holds no secret, so it goes into any file as it is, and
 * each client signs its person in (OAuth) the first time it connects.
 */
export function signInSetups(url: string): ClientSetup[] {
  const insecure = url.startsWith('http://');
  return [
    {
      id: 'claude-ai',
      label: 'claude.ai',
      instructions:
        'An owner of your Claude organization adds it once for everyone: Admin settings → Connectors → Add custom connector, paste this URL. Each person then clicks Connect and signs in here. The gateway must be reachable from the internet over HTTPS.',
      snippet: url,
      language: 'text',
    },
    {
      id: 'chatgpt',
      label: 'ChatGPT',
      instructions:
        'Settings → Apps & Connectors → Advanced → Developer mode, then Create: paste this URL and choose OAuth as the authentication. ChatGPT sends you here to sign in.',
      snippet: url,
      language: 'text',
    },
    {
      id: 'claude-code',
      label: 'Claude Code',
      instructions: 'Run this, then /mcp in Claude Code and choose Authenticate to sign in in your browser.',
      snippet: `claude mcp add --transport http ${SERVER_KEY} ${url}`,
      language: 'shell',
    },
    {
      id: 'vscode',
      label: 'VS Code',
      instructions:
        'Add to .vscode/mcp.json (safe to commit: the URL is no secret). VS Code asks you to sign in when it starts the server.',
      snippet: JSON.stringify({ servers: { [SERVER_KEY]: { type: 'http', url } } }, null, 2),
      language: 'json',
    },
    {
      id: 'cursor',
      label: 'Cursor',
      instructions:
        'Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project). Cursor shows “Needs login” next to the server: click it to sign in.',
      snippet: JSON.stringify({ mcpServers: { [SERVER_KEY]: { url } } }, null, 2),
      language: 'json',
    },
    {
      id: 'claude-desktop',
      label: 'Claude Desktop',
      instructions:
        'Add it as a custom connector (Settings → Connectors), or through the mcp-remote bridge in claude_desktop_config.json, which opens your browser to sign in. The bridge needs Node.js.',
      snippet: JSON.stringify(
        {
          mcpServers: {
            [SERVER_KEY]: {
              command: 'npx',
              args: ['-y', 'mcp-remote', url, ...(insecure ? ['--allow-http'] : [])],
            },
          },
        },
        null,
        2,
      ),
      language: 'json',
    },
  ];
}

/**
 * Setup for a secret URL. The URL is the credential, so the snippets for files that end up in repositories read it
 * (and the API token, when the server asks for one) at run time: VS Code prompts for it once and keeps it in its
 * secret storage, Cursor reads an environment variable, mcp-remote fills its header from one.
 */
export function secretUrlSetups(url: string, requireApiToken: boolean): ClientSetup[] {
  const insecure = url.startsWith('http://');
  const remoteArgs = ['-y', 'mcp-remote', url];
  if (requireApiToken) remoteArgs.push('--header', `Authorization:\${${AUTH_VARIABLE}}`);
  if (insecure) remoteArgs.push('--allow-http');
  const claudeDesktop = {
    mcpServers: {
      [SERVER_KEY]: {
        command: 'npx',
        args: remoteArgs,
        ...(requireApiToken ? { env: { [AUTH_VARIABLE]: AUTH_PLACEHOLDER } } : {}),
      },
    },
  };
  const vscode = {
    inputs: [
      { type: 'promptString', id: 'clickup-mcp-url', description: 'ClickUp MCP server URL', password: true },
      ...(requireApiToken
        ? [
            {
              type: 'promptString',
              id: 'clickup-gw-token',
              description: 'API token of your organization (cgw_…)',
              password: true,
            },
          ]
        : []),
    ],
    servers: {
      [SERVER_KEY]: {
        type: 'http',
        url: '${input:clickup-mcp-url}',
        ...(requireApiToken ? { headers: { Authorization: 'Bearer ${input:clickup-gw-token}' } } : {}),
      },
    },
  };
  const cursor = {
    mcpServers: {
      [SERVER_KEY]: {
        url: `\${env:${URL_VARIABLE}}`,
        ...(requireApiToken ? { headers: { Authorization: `\${env:${AUTH_VARIABLE}}` } } : {}),
      },
    },
  };
  const hostedNote = requireApiToken
    ? ' This server also requires an API token in an Authorization header, which this client cannot send: create a server without that requirement for it, or use sign-in.'
    : '';
  const exports = [
    `export ${URL_VARIABLE}='${url}'`,
    ...(requireApiToken ? [`export ${AUTH_VARIABLE}='${AUTH_PLACEHOLDER}'`] : []),
  ].join('\n');

  return [
    {
      id: 'claude-desktop',
      label: 'Claude Desktop',
      instructions: `Add to claude_desktop_config.json (Settings → Developer → Edit Config; it stays in your profile, not in a repository), then restart Claude Desktop. It uses the mcp-remote bridge, which needs Node.js.${requireApiToken ? ` mcp-remote reads the API token from ${AUTH_VARIABLE}: replace cgw_… with one of your organization.` : ''}`,
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
      instructions: `Settings → Apps & Connectors → Advanced → Developer mode, then Create: paste this URL and choose "No authentication" (the URL is the secret).${hostedNote}`,
      snippet: url,
      language: 'text',
    },
    {
      id: 'claude-code',
      label: 'Claude Code',
      instructions: `Set the URL in your shell (not in a file you commit), then add the server from it.`,
      snippet: `${exports}\nclaude mcp add --transport http ${SERVER_KEY} "$${URL_VARIABLE}"${requireApiToken ? ` --header "Authorization: $${AUTH_VARIABLE}"` : ''}`,
      language: 'shell',
    },
    {
      id: 'vscode',
      label: 'VS Code',
      instructions:
        'Add to .vscode/mcp.json. VS Code asks for the URL once and keeps it in its secret storage, so the file holds no secret and can be committed.',
      snippet: JSON.stringify(vscode, null, 2),
      language: 'json',
    },
    {
      id: 'cursor',
      label: 'Cursor',
      instructions: `Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project) and set ${URL_VARIABLE}${requireApiToken ? ` and ${AUTH_VARIABLE}` : ''} in the environment Cursor starts from, so the file holds no secret:\n${exports}`,
      snippet: JSON.stringify(cursor, null, 2),
      language: 'json',
    },
  ];
}
