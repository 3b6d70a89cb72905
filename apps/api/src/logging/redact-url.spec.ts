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
