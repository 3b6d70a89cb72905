import { EXPIRING_SOON_MS, serverState } from './mcp-server-state';

const now = Date.parse('2030-01-01T00:00:00Z');
const at = (offset: number) => new Date(now + offset);
const server = (over: Partial<Parameters<typeof serverState>[0]> = {}) => ({
  revokedAt: null,
  expiresAt: null,
  tokenHash: 'h' as string | null,
  config: { methods: [], tags: [], require_api_token_auth: false },
  ...over,
});

describe('serverState', () => {
  it('is active without an expiry, or with one more than 7 days away', () => {
    expect(serverState(server(), now)).toBe('active');
    expect(serverState(server({ expiresAt: at(EXPIRING_SOON_MS + 1000) }), now)).toBe('active');
  });

  it('is expiring_soon within 7 days, expired once the date passed or the token was purged', () => {
    expect(serverState(server({ expiresAt: at(60_000) }), now)).toBe('expiring_soon');
    expect(serverState(server({ expiresAt: at(0) }), now)).toBe('expired');
    expect(serverState(server({ expiresAt: at(EXPIRING_SOON_MS * 2), tokenHash: null }), now)).toBe(
      'expired',
    );
  });

  it('needs no token when the server is reached by sign-in only', () => {
    const signInOnly = {
      methods: [],
      tags: [],
      require_api_token_auth: false,
      access_mode: 'sign_in' as const,
    };
    expect(serverState(server({ tokenHash: null, config: signInOnly }), now)).toBe('active');
    expect(serverState(server({ tokenHash: null, config: signInOnly, expiresAt: at(0) }), now)).toBe(
      'expired',
    );
    const both = { ...signInOnly, access_mode: 'url_and_sign_in' as const };
    expect(serverState(server({ tokenHash: null, config: both }), now)).toBe('expired');
  });

  it('is revoked above everything else', () => {
    expect(serverState(server({ revokedAt: at(-1), expiresAt: at(-1), tokenHash: null }), now)).toBe(
      'revoked',
    );
  });
});
