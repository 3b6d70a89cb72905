import { clientSetups } from './client-setup';

const URL = 'https://mcp.example.com/mcp/cmcp_abc';

describe('clientSetups', () => {
  it('gives Claude Desktop an mcp-remote entry with the URL', () => {
    const desktop = clientSetups(URL, false).find((c) => c.id === 'claude-desktop');
    expect(JSON.parse(desktop?.snippet ?? '')).toEqual({
      mcpServers: { clickup: { command: 'npx', args: ['-y', 'mcp-remote', URL] } },
    });
  });

  it('allows plain HTTP for a local install', () => {
    const desktop = clientSetups('http://localhost:3001/mcp/cmcp_abc', false)[0];
    expect(JSON.parse(desktop.snippet).mcpServers.clickup.args).toContain('--allow-http');
  });

  it('adds the Authorization header when the URL needs an API token', () => {
    const setups = clientSetups(URL, true);
    const desktop = JSON.parse(setups[0].snippet).mcpServers.clickup;
    expect(desktop.args).toEqual(['-y', 'mcp-remote', URL, '--header', 'Authorization:${CLICKUP_GW_AUTH}']);
    expect(desktop.env).toEqual({ CLICKUP_GW_AUTH: 'Bearer cgw_…' });
    const cursor = JSON.parse(setups.find((c) => c.id === 'cursor')?.snippet ?? '');
    expect(cursor.mcpServers.clickup.headers).toEqual({ Authorization: 'Bearer cgw_…' });
  });

  it('gives VS Code an http server and the hosted clients the bare URL', () => {
    const setups = clientSetups(URL, false);
    expect(JSON.parse(setups.find((c) => c.id === 'vscode')?.snippet ?? '')).toEqual({
      servers: { clickup: { type: 'http', url: URL } },
    });
    expect(setups.find((c) => c.id === 'chatgpt')?.snippet).toBe(URL);
    expect(setups.find((c) => c.id === 'claude-ai')?.snippet).toBe(URL);
  });
});
