import { tokenHashPrefix } from '@gw/security';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  const token = `cmcp_${'a'.repeat(43)}`;

  it('shows a hash prefix instead of the MCP token, the same on every line', () => {
    const once = redactUrl(`/mcp/${token}`);
    expect(once).toBe(`/mcp/[token:${tokenHashPrefix(token)}]`);
    expect(redactUrl(`/mcp/${token}`)).toBe(once);
    expect(redactUrl(`/mcp/${token}/messages?sessionId=s1`)).toBe(
      `/mcp/[token:${tokenHashPrefix(token)}]/messages?sessionId=s1`,
    );
  });

  it('leaves a sign-in URL readable: its server id is no secret', () => {
    const id = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
    expect(redactUrl(`/mcp/servers/${id}`)).toBe(`/mcp/servers/${id}`);
  });

  it('masks secret query values and leaves other URLs alone', () => {
    expect(redactUrl('/api/v1/connections/oauth/callback?code=abc&state=xyz&name=n')).toBe(
      '/api/v1/connections/oauth/callback?code=[redacted]&state=[redacted]&name=n',
    );
    expect(redactUrl('/api/v1/audit-events')).toBe('/api/v1/audit-events');
  });

  it('masks the one-time value that resumes an MCP client sign-in', () => {
    expect(redactUrl('/oauth/authorize/uid123?resume=secret-value')).toBe(
      '/oauth/authorize/uid123?resume=[redacted]',
    );
  });
});
