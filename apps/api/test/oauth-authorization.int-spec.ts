import { freePort, MetadataHost } from '@gw/testing';
import { createApiApp } from '../src/app/create-app';
import { closeApiRuntime, createApiRuntime } from '../src/app/runtime';
import { loadApiConfigs } from '../src/config/runtime';
import { McpAccessTokens } from '../src/oauth/mcp-access-tokens';
import { SecurityEvents } from '../src/security-events/security-events.service';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import { ApiClient } from './support/http-client';
import {
  browse,
  CookieJar,
  followToClient,
  formPost,
  pkce,
  signInWithConsole,
  startAuthorization,
  type AuthorizeParams,
} from './support/oauth-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Created {
  id: string;
}
interface Interaction {
  uid: string;
  allowed: boolean;
  refusal: string | null;
  client: { id: string; name: string | null; kind: string; host: string | null; redirect_host: string };
  server: {
    id: string;
    name: string;
    workspace_name: string | null;
    methods: string[];
    tool_groups: string[];
  };
  signed_in_as: { email: string };
}
interface Agent {
  grant_id: string;
  user_id: string;
  client_id: string;
  client_name: string | null;
  server_id: string | null;
  server_name: string | null;
  scopes: string[];
  last_used_at: string | null;
}

const PASSWORD = 'a-long-enough-password-42';
const REDIRECT = 'http://127.0.0.1:53682/callback';

let sandbox: Sandbox;
let metadata: MetadataHost;

beforeAll(async () => {
  [sandbox, metadata] = await Promise.all([Sandbox.start(), MetadataHost.start()]);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  await metadata?.stop();
});

describe.each(STORAGES)('the MCP authorization server on %s', (storage) => {
  // Replicas share a PostgreSQL database; the embedded database belongs to one process.
  const itWithReplicas = storage === 'embedded' ? it.skip : it;
  let api: ApiUnderTest;
  let owner: ApiClient;
  let member: { id: string; email: string; client: ApiClient };
  let outsider: { id: string; email: string; client: ApiClient };
  let teamId: string;
  let serverId: string;
  let otherServerId: string;
  let urlOnlyServerId: string;
  let resource: string;
  let clientId: string;
  const tokens = () => api.app.get(McpAccessTokens);
  const securityEvents = async (reason: string) => {
    await api.app.get(SecurityEvents).flush();
    const rows = await api.query<{ count: number }>(
      'SELECT COALESCE(SUM(count), 0)::int AS count FROM security_events WHERE reason = $1',
      [reason],
    );
    return rows[0].count;
  };
  const params = (overrides: Partial<AuthorizeParams> = {}): AuthorizeParams & { verifier: string } => {
    const { verifier, challenge } = pkce();
    return { clientId, redirectUri: REDIRECT, resource, challenge, verifier, ...overrides };
  };
  const exchange = (code: string, verifier: string, client = clientId, redirectUri = REDIRECT) =>
    formPost(api.baseUrl, '/oauth/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: client,
      code_verifier: verifier,
      resource,
    });
  const refresh = (refreshToken: string, client = clientId) =>
    formPost(api.baseUrl, '/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client,
    });
  /** A person signed in to the console who consents, and the tokens their MCP client gets. */
  const connect = async (who: ApiClient, overrides: Partial<AuthorizeParams> = {}) => {
    const p = params(overrides);
    const { code } = await signInWithConsole(api.baseUrl, who, p);
    const answer = await exchange(code, p.verifier, p.clientId, p.redirectUri);
    expect(answer.status).toBe(200);
    return answer.body as Required<Pick<typeof answer.body, 'access_token' | 'refresh_token'>> &
      typeof answer.body;
  };
  const person = async (email: string) => {
    const res = await owner.post<Created>('/api/v1/users', {
      email,
      name: email,
      role: 'member',
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, email, client: await api.signIn(email, PASSWORD) };
  };
  const signInServer = async (name: string, mode: string | null) => {
    const connectionId = (await owner.get<Created[]>('/api/v1/connections')).body[0].id;
    const created = await owner.post<Created>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name,
      workspace_id: sandbox.acme.id,
      team_id: teamId,
      config: { methods: ['read'], tags: ['tasks', 'spaces'] },
    });
    expect(created.status).toBe(201);
    if (mode) {
      await api.query(`UPDATE mcp_servers SET config = config || $2::jsonb WHERE id = $1`, [
        created.body.id,
        JSON.stringify({ access_mode: mode }),
      ]);
    }
    return created.body.id;
  };

  beforeAll(async () => {
    api = await ApiUnderTest.start(
      sandbox,
      {
        OAUTH_CLIENT_METADATA_ALLOW_PRIVATE: '127.0.0.1',
        OAUTH_CLIENT_METADATA_EXTRA_CA_FILE: metadata.caFile,
        OAUTH_REGISTRATIONS_PER_HOUR: '5',
      },
      { storage },
    );
    owner = await api.signIn();
    await owner.post('/api/v1/connections', { name: 'Acme', type: 'personal_token', token: OWNER_TOKEN });
    teamId = (await owner.post<Created>('/api/v1/teams', { name: 'Support' })).body.id;
    member = await person('member@example.com');
    outsider = await person('outsider@example.com');
    await owner.post(`/api/v1/teams/${teamId}/members`, { user_id: member.id });
    serverId = await signInServer('Support agent', 'sign_in');
    otherServerId = await signInServer('Other sign-in server', 'url_and_sign_in');
    urlOnlyServerId = await signInServer('Secret URL only', null);
    resource = `${api.baseUrl}/mcp/servers/${serverId}`;
    clientId = metadata.client('/claude.json', { client_name: 'Claude Test', redirect_uris: [REDIRECT] });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('publishes its metadata (RFC 8414): PKCE S256 only, client metadata documents and registration', async () => {
    const res = await api.anonymous.get<Record<string, unknown>>('/.well-known/oauth-authorization-server');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      issuer: api.baseUrl,
      authorization_endpoint: `${api.baseUrl}/oauth/authorize`,
      token_endpoint: `${api.baseUrl}/oauth/token`,
      registration_endpoint: `${api.baseUrl}/oauth/register`,
      revocation_endpoint: `${api.baseUrl}/oauth/revoke`,
      code_challenge_methods_supported: ['S256'],
      client_id_metadata_document_supported: true,
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['none']),
    });
    expect(res.body['grant_types_supported']).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token']),
    );
    expect(res.body['grant_types_supported']).not.toContain('implicit');
  });

  it('signs a person in through the console: consent shows the server, the code becomes a token bound to it', async () => {
    const p = params();
    const started = await startAuthorization(api.baseUrl, p);
    expect(started.status).toBe(303);
    expect(started.location.origin).toBe(new URL(DASHBOARD_URL).origin);
    const shown = await member.client.get<Interaction>(`/api/v1/oauth/interactions/${started.uid}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      allowed: true,
      refusal: null,
      client: { id: clientId, name: 'Claude Test', kind: 'metadata_document', host: new URL(clientId).host },
      server: { id: serverId, name: 'Support agent', workspace_name: 'Acme Corp', methods: ['read'] },
      signed_in_as: { email: member.email },
    });
    expect(shown.body.server.tool_groups).toEqual(['tasks', 'spaces']);
    expect(shown.body.client.redirect_host).toBe('127.0.0.1:53682');

    const decided = await member.client.post<{ redirect_to: string }>(
      `/api/v1/oauth/interactions/${started.uid}`,
      { decision: 'allow' },
    );
    expect(decided.status).toBe(200);
    const back = await followToClient(api.baseUrl, started.jar, decided.body.redirect_to);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-1');
    const code = back.searchParams.get('code') as string;

    const answer = await exchange(code, p.verifier);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(answer.body.refresh_token).toEqual(expect.any(String));
    const access = answer.body.access_token as string;

    const grant = await tokens().verify(access, resource);
    expect(grant).toMatchObject({ userId: member.id, clientId, clientName: 'Claude Test', resource });
    expect(grant?.expiresAt).toBeGreaterThan(Date.now() + 800_000);
    expect(await tokens().verify(access, `${api.baseUrl}/mcp/servers/${otherServerId}`)).toBeNull();
    expect(await tokens().verify(`${access}x`, resource)).toBeNull();
    // A code works once; the second try is a refused token request, counted for the address.
    const refusedBefore = await securityEvents('oauth_token_refused');
    expect((await exchange(code, p.verifier)).body.error).toBe('invalid_grant');
    expect(await securityEvents('oauth_token_refused')).toBe(refusedBefore + 1);

    const rows = await api.query<{
      actor: string;
      actor_user_id: string;
      actor_email: string;
      oauth_client_id: string;
      server_id: string;
      outcome: string;
    }>(
      `SELECT actor, actor_user_id, actor_email, oauth_client_id, server_id, outcome FROM audit_events WHERE action = 'oauth.consent'`,
    );
    expect(rows).toContainEqual({
      actor: `user:${member.id}`,
      actor_user_id: member.id,
      actor_email: member.email,
      oauth_client_id: clientId,
      server_id: serverId,
      outcome: 'ok',
    });
  });

  it('refuses plain PKCE, a missing challenge, and a missing or unknown resource', async () => {
    const plain = await startAuthorization(api.baseUrl, params({ method: 'plain' }));
    expect(plain.location.searchParams.get('error')).toBe('invalid_request');
    const none = await startAuthorization(api.baseUrl, params({ challenge: undefined }));
    expect(none.location.searchParams.get('error')).toBe('invalid_request');
    const missing = await startAuthorization(api.baseUrl, params({ resource: undefined }));
    expect(missing.location.searchParams.get('error')).toBe('invalid_target');
    for (const other of [
      `${api.baseUrl}/mcp/servers/${urlOnlyServerId}`,
      `${api.baseUrl}/mcp/servers/00000000-0000-4000-8000-000000000000`,
      'https://elsewhere.example/mcp',
    ]) {
      const refused = await startAuthorization(api.baseUrl, params({ resource: other }));
      expect({ other, error: refused.location.searchParams.get('error') }).toEqual({
        other,
        error: 'invalid_target',
      });
    }
  });

  it('refuses client metadata documents on private addresses, too large, malformed or naming another client', async () => {
    const before = await securityEvents('oauth_client_metadata_refused');
    const privateAddress = `https://127.0.0.2:${new URL(metadata.origin).port}/client.json`;
    const oversize = metadata.client('/big.json', {
      client_name: 'x'.repeat(6000),
      redirect_uris: [REDIRECT],
    });
    const notJson = metadata.publish('/broken.json', '{"client_id": ');
    const impostor = metadata.publish('/impostor.json', {
      client_id: `${metadata.origin}/someone-else.json`,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    for (const client of [privateAddress, oversize, notJson, impostor]) {
      const refused = await startAuthorization(api.baseUrl, params({ clientId: client }));
      expect({ client, status: refused.status, uid: refused.uid }).toEqual({
        client,
        status: 400,
        uid: null,
      });
      expect(refused.body).toContain('invalid_client');
    }
    expect(await securityEvents('oauth_client_metadata_refused')).toBe(before + 4);
  });

  it('refuses a redirect URI that is not in the client metadata, as a security event', async () => {
    const before = await securityEvents('oauth_redirect_uri_mismatch');
    const refused = await startAuthorization(
      api.baseUrl,
      params({ redirectUri: 'http://127.0.0.1:1/elsewhere' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('redirect_uri did not match');
    expect(await securityEvents('oauth_redirect_uri_mismatch')).toBe(before + 1);
  });

  it('registers older clients dynamically (public only) and signs them in the same way', async () => {
    const registered = await api.anonymous.post<{
      client_id: string;
      client_secret?: string;
      token_endpoint_auth_method: string;
    }>('/oauth/register', {
      client_name: 'Old MCP client',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    expect(registered.status).toBe(201);
    expect(registered.body.client_secret).toBeUndefined();
    expect(registered.body.token_endpoint_auth_method).toBe('none');

    const tokensOf = await connect(member.client, { clientId: registered.body.client_id });
    expect(await tokens().verify(tokensOf.access_token, resource)).toMatchObject({
      clientId: registered.body.client_id,
      clientName: 'Old MCP client',
    });

    const before = await securityEvents('oauth_registration_refused');
    const confidential = await api.anonymous.post<{ error: string }>('/oauth/register', {
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(confidential.status).toBe(400);
    expect(confidential.body.error).toBe('invalid_client_metadata');
    const httpElsewhere = await api.anonymous.post<{ error: string }>('/oauth/register', {
      redirect_uris: ['http://client.example/cb'],
      token_endpoint_auth_method: 'none',
    });
    expect(httpElsewhere.status).toBe(400);
    expect(await securityEvents('oauth_registration_refused')).toBe(before + 2);
  });

  it('grants the MCP scope to a client that asks for no scope', async () => {
    const issued = await connect(member.client, { scope: '' });
    expect(issued.scope).toBe('mcp');
    expect(await tokens().verify(issued.access_token, resource)).not.toBeNull();
  });

  it('signs in a client that registers and asks for scopes of its own (as mcp-remote does)', async () => {
    const registered = await api.anonymous.post<{ client_id: string }>('/oauth/register', {
      client_name: 'MCP CLI Proxy',
      redirect_uris: ['http://localhost:53682/oauth/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      scope: 'openid email profile',
    });
    expect(registered.status).toBe(201);
    const issued = await connect(member.client, {
      clientId: registered.body.client_id,
      redirectUri: 'http://localhost:53682/oauth/callback',
      scope: 'openid email profile',
    });
    expect(issued.scope?.split(' ')).toContain('mcp');
    expect(await tokens().verify(issued.access_token, resource)).toMatchObject({
      clientName: 'MCP CLI Proxy',
    });
  });

  it('rotates refresh tokens, and a replayed one revokes the whole grant', async () => {
    const first = await connect(member.client);
    const rotated = await refresh(first.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first.refresh_token);
    expect(await tokens().verify(rotated.body.access_token as string, resource)).not.toBeNull();

    const before = await securityEvents('oauth_refresh_token_replayed');
    const replayed = await refresh(first.refresh_token);
    expect(replayed.status).toBe(400);
    expect(replayed.body.error).toBe('invalid_grant');
    expect(await securityEvents('oauth_refresh_token_replayed')).toBe(before + 1);
    expect(await tokens().verify(first.access_token, resource)).toBeNull();
    expect(await tokens().verify(rotated.body.access_token as string, resource)).toBeNull();
    expect((await refresh(rotated.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('revokes tokens at the revocation endpoint (RFC 7009)', async () => {
    const issued = await connect(member.client);
    const res = await formPost(api.baseUrl, '/oauth/revoke', {
      token: issued.access_token,
      client_id: clientId,
    });
    expect(res.status).toBe(200);
    expect(await tokens().verify(issued.access_token, resource)).toBeNull();
    const refreshRevoked = await formPost(api.baseUrl, '/oauth/revoke', {
      token: issued.refresh_token,
      client_id: clientId,
    });
    expect(refreshRevoked.status).toBe(200);
    expect((await refresh(issued.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('refuses a person outside the server’s team at consent; denying sends access_denied to the client', async () => {
    const p = params();
    const started = await startAuthorization(api.baseUrl, p);
    const shown = await outsider.client.get<Interaction>(`/api/v1/oauth/interactions/${started.uid}`);
    expect(shown.body.allowed).toBe(false);
    expect(shown.body.refusal).toMatch(/may not use this MCP server/);
    const allow = await outsider.client.post(`/api/v1/oauth/interactions/${started.uid}`, {
      decision: 'allow',
    });
    expect(allow.status).toBe(403);
    const deny = await outsider.client.post<{ redirect_to: string }>(
      `/api/v1/oauth/interactions/${started.uid}`,
      {
        decision: 'deny',
      },
    );
    expect(deny.status).toBe(200);
    const back = await followToClient(api.baseUrl, started.jar, deny.body.redirect_to);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses a refresh once the person left the server’s team', async () => {
    const leaver = await person('leaver@example.com');
    await owner.post(`/api/v1/teams/${teamId}/members`, { user_id: leaver.id });
    const issued = await connect(leaver.client);
    expect((await owner.delete(`/api/v1/teams/${teamId}/members/${leaver.id}`)).status).toBe(204);
    const refused = await refresh(issued.refresh_token);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('refuses a refresh once the server is revoked or no longer accepts sign-in', async () => {
    for (const change of ['revoke', 'secret URL only'] as const) {
      const id = await signInServer(`Changing ${change}`, 'sign_in');
      const changing = `${api.baseUrl}/mcp/servers/${id}`;
      const p = params({ resource: changing });
      const { code } = await signInWithConsole(api.baseUrl, member.client, p);
      const issued = await formPost(api.baseUrl, '/oauth/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: clientId,
        code_verifier: p.verifier,
        resource: changing,
      });
      expect(issued.status).toBe(200);
      if (change === 'revoke') expect((await owner.delete(`/api/v1/mcp-servers/${id}`)).status).toBe(204);
      else await api.query(`UPDATE mcp_servers SET config = config - 'access_mode' WHERE id = $1`, [id]);
      const refused = await refresh(issued.body.refresh_token as string);
      expect({ change, error: refused.body.error }).toEqual({ change, error: 'invalid_grant' });
    }
  });

  it('only finishes a consent in the browser that started the authorization', async () => {
    const p = params();
    const started = await startAuthorization(api.baseUrl, p);
    const decided = await member.client.post<{ redirect_to: string }>(
      `/api/v1/oauth/interactions/${started.uid}`,
      {
        decision: 'allow',
      },
    );
    const withoutValue = new URL(decided.body.redirect_to);
    withoutValue.searchParams.delete('resume');
    const refused = await browse(started.jar, withoutValue.toString());
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('browser that approved it');
    // Another browser with the value but without the resume cookie gets nothing either.
    const elsewhere = await browse(new CookieJar(), decided.body.redirect_to);
    expect(elsewhere.headers.get('location') ?? '').not.toContain('code=');
  });

  it('lists connected agents for the person and for admins, and revoking one ends its tokens', async () => {
    const issued = await connect(member.client);
    const grant = await tokens().verify(issued.access_token, resource);
    const mine = await member.client.get<Agent[]>('/api/v1/me/connected-agents');
    expect(mine.status).toBe(200);
    const agent = mine.body.find((a) => a.grant_id === grant?.grantId);
    expect(agent).toMatchObject({
      user_id: member.id,
      client_id: clientId,
      client_name: 'Claude Test',
      server_id: serverId,
      server_name: 'Support agent',
      scopes: ['mcp'],
    });
    expect((await outsider.client.get<Agent[]>('/api/v1/me/connected-agents')).body).toEqual([]);
    expect((await member.client.get('/api/v1/connected-agents')).status).toBe(403);
    const forAdmin = await owner.get<Agent[]>('/api/v1/connected-agents', {
      query: { user_id: member.id, server_id: serverId },
    });
    expect(forAdmin.body.map((a) => a.grant_id)).toContain(grant?.grantId);
    expect((await outsider.client.delete(`/api/v1/me/connected-agents/${grant?.grantId}`)).status).toBe(404);

    expect((await member.client.delete(`/api/v1/me/connected-agents/${grant?.grantId}`)).status).toBe(204);
    expect(await tokens().verify(issued.access_token, resource)).toBeNull();
    expect((await refresh(issued.refresh_token)).body.error).toBe('invalid_grant');
    const rows = await api.query<{ action: string; actor_user_id: string; oauth_client_id: string }>(
      `SELECT action, actor_user_id, oauth_client_id FROM audit_events WHERE action = 'my_connected_agents.revoke' AND outcome = 'ok'`,
    );
    expect(rows).toEqual([
      { action: 'my_connected_agents.revoke', actor_user_id: member.id, oauth_client_id: clientId },
    ]);

    const another = await connect(member.client);
    const anotherGrant = await tokens().verify(another.access_token, resource);
    expect((await owner.delete(`/api/v1/connected-agents/${anotherGrant?.grantId}`)).status).toBe(204);
    expect(await tokens().verify(another.access_token, resource)).toBeNull();
  });

  it('stores no token or code, only their hashes', async () => {
    const p = params();
    const { code } = await signInWithConsole(api.baseUrl, member.client, p);
    const issued = (await exchange(code, p.verifier)).body;
    const rotated = (await refresh(issued.refresh_token as string)).body;
    const stored = await api.query<{ row: string }>(
      `SELECT row_to_json(r)::text AS row FROM oauth_records r`,
    );
    const text = stored.map((r) => r.row).join('\n');
    for (const secret of [
      code,
      issued.access_token,
      issued.refresh_token,
      rotated.access_token,
      rotated.refresh_token,
    ]) {
      expect(text).not.toContain(secret as string);
    }
    expect(stored.length).toBeGreaterThan(3);
  });

  it('checks an access token with one read of the store, and measures it', async () => {
    const issued = await connect(member.client);
    const rounds = 200;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await tokens().verify(issued.access_token, resource);
    const perCall = (performance.now() - started) / rounds;
    console.log(`verify on ${storage}: ${perCall.toFixed(3)} ms per call over ${rounds} calls`);
    expect(perCall).toBeLessThan(20);
  });

  itWithReplicas(
    'lets another api process answer, exchange and revoke what this one began, with the same keys',
    async () => {
      const port = await freePort();
      const runtime = await createApiRuntime(loadApiConfigs({ ...api.env, PORT: String(port) }));
      const other = await createApiApp(runtime);
      await other.listen({ port, host: '127.0.0.1' });
      try {
        const otherUrl = `http://127.0.0.1:${port}`;
        const p = params();
        const started = await startAuthorization(api.baseUrl, p);
        // The same console session, answered by the other process.
        const decided = await new ApiClient(otherUrl, member.client.auth).post<{ redirect_to: string }>(
          `/api/v1/oauth/interactions/${started.uid}`,
          { decision: 'allow' },
        );
        expect(decided.status).toBe(200);
        const code = (
          await followToClient(api.baseUrl, started.jar, decided.body.redirect_to)
        ).searchParams.get('code');
        const answer = await formPost(otherUrl, '/oauth/token', {
          grant_type: 'authorization_code',
          code: code as string,
          redirect_uri: REDIRECT,
          client_id: clientId,
          code_verifier: p.verifier,
          resource,
        });
        expect(answer.status).toBe(200);
        const access = answer.body.access_token as string;
        expect(await tokens().verify(access, resource)).toMatchObject({ userId: member.id });
        expect(await other.get(McpAccessTokens).verify(access, resource)).toMatchObject({
          userId: member.id,
        });
        const revoked = await formPost(otherUrl, '/oauth/revoke', { token: access, client_id: clientId });
        expect(revoked.status).toBe(200);
        expect(await tokens().verify(access, resource)).toBeNull();
      } finally {
        await other.close();
        await closeApiRuntime(runtime);
      }
    },
  );

  it('rate-limits dynamic registration per address', async () => {
    let status = 0;
    for (let i = 0; i < 7 && status !== 429; i++) {
      const res = await api.anonymous.raw('POST', '/oauth/register', {
        body: { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' },
      });
      status = res.status;
      if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(status).toBe(429);
  });
});
