import { secretUrlSetups, signInSetups } from './client-setup';

const URL = 'https://mcp.example.com/mcp/cmcp_abc';
const SIGN_IN_URL = 'https://mcp.example.com/mcp/servers/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const snippet = (setups: ReturnType<typeof signInSetups>, id: string) =>
  setups.find((c) => c.id === id)?.snippet ?? '';

describe('secretUrlSetups', () => {
  it('gives Claude Desktop an mcp-remote entry with the URL', () => {
    expect(JSON.parse(snippet(secretUrlSetups(URL, false), 'claude-desktop'))).toEqual({
      mcpServers: { clickup: { command: 'npx', args: ['-y', 'mcp-remote', URL] } },
    });
  });

  it('allows plain HTTP for a local install', () => {
    const desktop = snippet(secretUrlSetups('http://localhost:3001/mcp/cmcp_abc', false), 'claude-desktop');
    expect(JSON.parse(desktop).mcpServers.clickup.args).toContain('--allow-http');
  });

  it('keeps the secret out of the files people commit: VS Code prompts for it, Cursor reads the environment', () => {
    const setups = secretUrlSetups(URL, false);
    for (const id of ['vscode', 'cursor']) expect(snippet(setups, id)).not.toContain('cmcp_');
    expect(JSON.parse(snippet(setups, 'vscode'))).toEqual({
      inputs: [
        {
          type: 'promptString',
          id: 'clickup-mcp-url',
          description: 'ClickUp MCP server URL',
          password: true,
        },
      ],
      servers: { clickup: { type: 'http', url: '${input:clickup-mcp-url}' } },
    });
    expect(JSON.parse(snippet(setups, 'cursor'))).toEqual({
      mcpServers: { clickup: { url: '${env:CLICKUP_MCP_URL}' } },
    });
    expect(snippet(setups, 'claude-code')).toBe(
      `export CLICKUP_MCP_URL='${URL}'\nclaude mcp add --transport http clickup "$CLICKUP_MCP_URL"`,
    );
    expect(snippet(setups, 'chatgpt')).toBe(URL);
  });

  it('reads the API token from the environment or a prompt when the URL needs one', () => {
    const setups = secretUrlSetups(URL, true);
    const desktop = JSON.parse(snippet(setups, 'claude-desktop')).mcpServers.clickup;
    expect(desktop.args).toEqual(['-y', 'mcp-remote', URL, '--header', 'Authorization:${CLICKUP_GW_AUTH}']);
    expect(desktop.env).toEqual({ CLICKUP_GW_AUTH: 'Bearer cgw_…' });
    expect(JSON.parse(snippet(setups, 'cursor')).mcpServers.clickup.headers).toEqual({
      Authorization: '${env:CLICKUP_GW_AUTH}',
    });
    const vscode = JSON.parse(snippet(setups, 'vscode'));
    expect(vscode.inputs.map((i: { id: string; password: boolean }) => [i.id, i.password])).toEqual([
      ['clickup-mcp-url', true],
      ['clickup-gw-token', true],
    ]);
    expect(vscode.servers.clickup.headers).toEqual({ Authorization: 'Bearer ${input:clickup-gw-token}' });
  });
});

describe('signInSetups', () => {
  it('puts the URL, which holds no secret, straight into every client, which signs its person in', () => {
    const setups = signInSetups(SIGN_IN_URL);
    expect(setups.map((s) => s.id)).toEqual([
      'claude-ai',
      'chatgpt',
      'claude-code',
      'vscode',
      'cursor',
      'claude-desktop',
    ]);
    expect(snippet(setups, 'claude-ai')).toBe(SIGN_IN_URL);
    expect(snippet(setups, 'claude-code')).toBe(`claude mcp add --transport http clickup ${SIGN_IN_URL}`);
    expect(JSON.parse(snippet(setups, 'vscode'))).toEqual({
      servers: { clickup: { type: 'http', url: SIGN_IN_URL } },
    });
    expect(JSON.parse(snippet(setups, 'cursor'))).toEqual({ mcpServers: { clickup: { url: SIGN_IN_URL } } });
    expect(setups.find((s) => s.id === 'chatgpt')?.instructions).toContain('OAuth');
  });
});
