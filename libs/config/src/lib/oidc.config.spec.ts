import { ConfigError, loadConfig } from './load-config';
import { OidcConfig, oidcIssuerProblem } from './oidc.config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(OidcConfig, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('OidcConfig', () => {
  it('is off when none of the three is set, and on with all three', () => {
    expect(loadConfig(OidcConfig, {}).configured).toBe(false);
    const config = loadConfig(OidcConfig, {
      OIDC_ISSUER_URL: 'https://acme.okta.com',
      OIDC_CLIENT_ID: 'gateway',
      OIDC_CLIENT_SECRET: 'shh',
    });
    expect(config).toMatchObject({
      configured: true,
      issuerUrl: 'https://acme.okta.com',
      clientId: 'gateway',
    });
  });

  it('refuses one or two of the three with one line, never showing the secret', () => {
    expect(problemsOf({ OIDC_ISSUER_URL: 'https://acme.okta.com', OIDC_CLIENT_ID: 'gateway' })).toEqual([
      'OIDC_CLIENT_SECRET: OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three, or none (got unset)',
    ]);
    const lone = problemsOf({ OIDC_CLIENT_SECRET: 'very-secret-value' });
    expect(lone).toHaveLength(1);
    expect(lone[0]).toContain('(got a value that is not shown)');
    expect(lone.join()).not.toContain('very-secret-value');
  });

  it('takes https issuers, and plain http only on loopback', () => {
    expect(oidcIssuerProblem('https://login.microsoftonline.com/tenant/v2.0')).toBeNull();
    expect(oidcIssuerProblem('http://127.0.0.1:4000')).toBeNull();
    expect(oidcIssuerProblem('http://localhost:4000/realms/acme')).toBeNull();
    expect(oidcIssuerProblem('http://[::1]:4000')).toBeNull();
    expect(oidcIssuerProblem('http://idp.example.com')).toMatch(/must use https/);
    expect(oidcIssuerProblem('http://127.0.0.1.nip.io')).toMatch(/must use https/);
    expect(oidcIssuerProblem('https://idp.example.com/?tenant=1')).toMatch(/query or fragment/);
    expect(oidcIssuerProblem('ftp://idp.example.com')).toMatch(/https URL/);
    expect(oidcIssuerProblem('not a url')).toMatch(/must be a URL/);
    expect(
      problemsOf({ OIDC_ISSUER_URL: 'http://idp.example.com', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }),
    ).toEqual([
      'OIDC_ISSUER_URL: must use https (plain http is accepted only for an IdP on this machine: localhost, 127.0.0.1, ::1) (got "http://idp.example.com")',
    ]);
  });
});
