import { applicationTypeOf, clientMetadataRefusal } from './client-policy';

const client = (overrides: Record<string, unknown>) => ({
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  redirect_uris: ['https://client.example/callback'],
  ...overrides,
});

describe('clientMetadataRefusal', () => {
  it('accepts https, loopback http and private-use redirect URIs of a public client', () => {
    for (const uri of [
      'https://client.example/cb',
      'http://localhost:33418/callback',
      'http://127.0.0.1:6274/oauth/callback',
      'http://[::1]:8080/cb',
      'cursor://anysphere.cursor-retrieval/oauth/callback',
    ]) {
      expect(clientMetadataRefusal(client({ redirect_uris: [uri] }))).toBeNull();
    }
  });

  it('refuses http on another host, dangerous schemes and no redirect URI at all', () => {
    expect(clientMetadataRefusal(client({ redirect_uris: ['http://client.example/cb'] }))).toMatch(
      /not loopback; use https/,
    );
    expect(clientMetadataRefusal(client({ redirect_uris: ['javascript:alert(1)'] }))).toMatch(/javascript/);
    expect(clientMetadataRefusal(client({ redirect_uris: [] }))).toMatch(/must contain members/);
  });

  it('refuses confidential clients and other grants', () => {
    expect(clientMetadataRefusal(client({ token_endpoint_auth_method: 'client_secret_basic' }))).toMatch(
      /must be none/,
    );
    expect(clientMetadataRefusal(client({ grant_types: ['client_credentials'] }))).toMatch(/grant_types/);
  });
});

describe('applicationTypeOf', () => {
  it('takes a client with a private-use redirect URI as native unless it said otherwise', () => {
    expect(applicationTypeOf({ redirect_uris: ['cursor://x/cb'] })).toBe('native');
    expect(applicationTypeOf({ redirect_uris: ['cursor://x/cb'], application_type: 'web' })).toBe('web');
    expect(applicationTypeOf({ redirect_uris: ['https://x/cb'] })).toBeUndefined();
  });
});
