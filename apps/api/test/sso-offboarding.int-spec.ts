import { TestIdp } from '@gw/testing';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { formPost, pkce, signInWithConsole } from './support/oauth-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';
import { signInWithSso } from './support/sso-browser';

const CLIENT = { clientId: 'gateway-console', clientSecret: 'console-client-secret-0123456789' };
const REDIRECT = 'http://127.0.0.1:53682/callback';

interface Created {
  id: string;
}

let idp: TestIdp;
let sandbox: Sandbox;

beforeAll(async () => {
  [idp, sandbox] = await Promise.all([TestIdp.start(), Sandbox.start()]);
  idp.addClient({ ...CLIENT, redirectUris: [`${DASHBOARD_URL}/api/v1/auth/sso/callback`] });
}, 60_000);

afterAll(async () => {
  await idp?.stop();
  await sandbox?.stop();
});

/**
 * Offboarding at the company's identity provider reaches the agents a person connected: the person signs in to the
 * console through SSO, connects an MCP client to a sign-in server, and once the IdP disables them, the client's next
 * refresh is refused, so its access ends within one access-token lifetime.
 */
describe.each(STORAGES)('offboarding at the IdP on %s', (storage) => {
  let api: ApiUnderTest;
  let owner: ApiClient;
  let resource: string;
  let clientId: string;
  const email = `dana.${storage === 'embedded' ? 'embedded' : 'postgres'}@acme.test`;

  beforeAll(async () => {
    api = await ApiUnderTest.start(sandbox, {}, { storage });
    owner = await api.signIn();
    await owner.post('/api/v1/connections', { name: 'Acme', type: 'personal_token', token: OWNER_TOKEN });
    const team = (await owner.post<Created>('/api/v1/teams', { name: 'Support' })).body.id;
    expect(
      (
        await owner.put('/api/v1/settings/sso', {
          issuer_url: idp.issuer,
          client_id: CLIENT.clientId,
          client_secret: CLIENT.clientSecret,
          scopes: 'openid email profile groups',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await owner.put('/api/v1/settings/sso/group-rules', {
          rules: [{ group: 'support', role: 'member', team_ids: [team] }],
        })
      ).status,
    ).toBe(200);
    const connectionId = (await owner.get<Created[]>('/api/v1/connections')).body[0].id;
    const server = await owner.post<Created>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Support agent',
      workspace_id: sandbox.acme.id,
      team_id: team,
      config: { methods: ['read'], tags: ['tasks'], access_mode: 'sign_in' },
    });
    expect(server.status).toBe(201);
    resource = `${api.baseUrl}/mcp/servers/${server.body.id}`;
    const registered = await api.anonymous.post<{ client_id: string }>('/oauth/register', {
      client_name: 'Agent',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    clientId = registered.body.client_id;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it("refuses the agent's next refresh once the person is disabled at the IdP, and not before", async () => {
    idp.addAccount({ email, groups: ['support'] });
    const landed = await signInWithSso(api.baseUrl, idp, email);
    const console = landed.client;
    if (!console) throw new Error(`the SSO sign-in opened no console session: ${landed.landing.href}`);

    const { verifier, challenge } = pkce();
    const { code } = await signInWithConsole(api.baseUrl, console, {
      clientId,
      redirectUri: REDIRECT,
      resource,
      challenge,
    });
    const issued = await formPost(api.baseUrl, '/oauth/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: clientId,
      code_verifier: verifier,
      resource,
    });
    expect(issued.status).toBe(200);

    const refresh = (refreshToken: string) =>
      formPost(api.baseUrl, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: clientId,
      });
    const stillActive = await refresh(issued.body.refresh_token as string);
    expect(stillActive.status).toBe(200);

    idp.disable(email);
    const offboarded = await refresh(stillActive.body.refresh_token as string);
    expect(offboarded.status).toBe(400);
    expect(offboarded.body).toMatchObject({ error: 'invalid_grant' });
  });
});
