import { sha256Hex } from '@gw/security';
import { ApiUnderTest, DASHBOARD_URL } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { connectWithClickUp } from './support/oauth-browser';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Connection {
  id: string;
  name: string;
  type: string;
  clickup_user: { id: number; username: string; email: string };
  workspaces: { id: string; name: string }[];
  created_at: string;
}
interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  correlation_id: string;
}

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

describe('POST /api/v1/connections', () => {
  it('checks a personal token with ClickUp, then answers who it acts as and where, without the token', async () => {
    const res = await owner.post<Connection>('/api/v1/connections', {
      name: 'Acme',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Acme',
      type: 'personal_token',
      clickup_user: { username: 'Alex Rivera', email: 'alex@acme.example' },
      workspaces: [{ id: sandbox.acme.id, name: 'Acme Corp' }],
    });
    expect(typeof res.body.clickup_user.id).toBe('number');
    expect(Date.parse(res.body.created_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.text).not.toContain(OWNER_TOKEN);

    // At rest the token is sealed: neither it nor its hash appears in the row.
    const [row] = await api.query<Record<string, unknown>>(
      'SELECT * FROM clickup_connections WHERE id = $1',
      [res.body.id],
    );
    expect(JSON.stringify(row)).not.toContain(OWNER_TOKEN);
    expect(JSON.stringify(row)).not.toContain(sha256Hex(OWNER_TOKEN));
    expect(String(row['credential_ciphertext'])).toMatch(/^v1\./);
  });

  it('refuses a token ClickUp rejects with 422, saves nothing and never repeats the token', async () => {
    const before = await api.query('SELECT id FROM clickup_connections');
    for (const token of ['pk_bogus_SECRET_1234567890', 'not-even-a-token-SECRET']) {
      const res = await owner.post<ErrorBody>('/api/v1/connections', {
        name: 'Bad',
        type: 'personal_token',
        token,
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.message).toMatch(/ClickUp did not accept the token/);
      expect(res.body.correlation_id).toEqual(expect.any(String));
      expect(res.text).not.toContain('SECRET');
    }
    expect(await api.query('SELECT id FROM clickup_connections')).toHaveLength(before.length);
  });

  it('answers 502 when ClickUp fails, and 400 for a wrong type or an unknown field', async () => {
    await sandbox.fault('/api/v2/user', 500, 1);
    const down = await owner.post<ErrorBody>('/api/v1/connections', {
      name: 'Down',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    expect(down.status).toBe(502);
    expect(down.body.message).toMatch(/ClickUp did not answer/);

    const oauth = await owner.post<ErrorBody>('/api/v1/connections', {
      name: 'x',
      type: 'oauth',
      token: 't',
    });
    expect(oauth.status).toBe(400);
    expect(String(oauth.body.message)).toContain('/connections/oauth/start');
    const extra = await owner.post<ErrorBody>('/api/v1/connections', {
      name: 'x',
      type: 'personal_token',
      token: OWNER_TOKEN,
      admin: true,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('property admin should not exist');
  });
});

describe('reading and removing connections', () => {
  it('lists and reads connections, refreshing workspaces on demand', async () => {
    const created = (
      await owner.post<Connection>('/api/v1/connections', {
        name: 'Reader',
        type: 'personal_token',
        token: OWNER_TOKEN,
      })
    ).body;
    const list = await owner.get<Connection[]>('/api/v1/connections');
    expect(list.status).toBe(200);
    expect(list.body.map((c) => c.id)).toContain(created.id);

    await api.query(`UPDATE clickup_connections SET workspaces = '[]' WHERE id = $1`, [created.id]);
    expect((await owner.get<Connection>(`/api/v1/connections/${created.id}`)).body.workspaces).toEqual([]);
    const refreshed = await owner.get<Connection>(`/api/v1/connections/${created.id}`, {
      query: { refresh: 'true' },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.workspaces).toEqual([{ id: sandbox.acme.id, name: 'Acme Corp' }]);

    expect((await owner.get(`/api/v1/connections/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await owner.get('/api/v1/connections/not-a-uuid')).status).toBe(404);
  });

  it('soft-deletes: the credential is wiped, its servers are revoked, and it is gone from the API', async () => {
    const connection = (
      await owner.post<Connection>('/api/v1/connections', {
        name: 'Doomed',
        type: 'personal_token',
        token: OWNER_TOKEN,
      })
    ).body;
    const server = await owner.post<{ id: string }>(`/api/v1/connections/${connection.id}/mcp-servers`, {
      name: 'On doomed',
      workspace_id: sandbox.acme.id,
    });
    expect(server.status).toBe(201);

    expect((await owner.delete(`/api/v1/connections/${connection.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/connections/${connection.id}`)).status).toBe(404);
    expect((await owner.get<Connection[]>('/api/v1/connections')).body.map((c) => c.id)).not.toContain(
      connection.id,
    );
    expect((await owner.delete(`/api/v1/connections/${connection.id}`)).status).toBe(404);

    const [row] = await api.query<{ credential_ciphertext: string; deleted_at: Date | null }>(
      'SELECT credential_ciphertext, deleted_at FROM clickup_connections WHERE id = $1',
      [connection.id],
    );
    expect(row.credential_ciphertext).toBe('');
    expect(row.deleted_at).not.toBeNull();
    const revoked = await owner.get<{ state: string; revoked_at: string }>(
      `/api/v1/mcp-servers/${server.body.id}`,
    );
    expect(revoked.body.state).toBe('revoked');
    const [serverRow] = await api.query<{ token_hash: string | null }>(
      'SELECT token_hash FROM mcp_servers WHERE id = $1',
      [server.body.id],
    );
    expect(serverRow.token_hash).toBeNull();
    // No new server on a removed connection.
    const again = await owner.post(`/api/v1/connections/${connection.id}/mcp-servers`, {
      name: 'x',
      workspace_id: sandbox.acme.id,
    });
    expect(again.status).toBe(404);
  });
});

describe('OAuth', () => {
  it('goes through the consent page and lands on the dashboard with the new connection', async () => {
    const { consentUrl, landing } = await connectWithClickUp(owner, 'Acme via OAuth', {
      user: 'owner',
      workspaceIds: [sandbox.acme.id],
    });
    expect(consentUrl.origin).toBe(sandbox.url);
    expect(consentUrl.pathname).toBe('/api');
    expect(consentUrl.searchParams.get('client_id')).toBe('sandbox-client-id');
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(
      `${api.baseUrl}/api/v1/connections/oauth/callback`,
    );
    expect(consentUrl.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);

    expect(landing.origin + landing.pathname).toBe(`${DASHBOARD_URL}/connections`);
    expect(landing.searchParams.get('error')).toBeNull();
    const id = landing.searchParams.get('created') as string;
    const connection = await owner.get<Connection>(`/api/v1/connections/${id}`);
    expect(connection.body).toMatchObject({
      name: 'Acme via OAuth',
      type: 'oauth',
      clickup_user: { username: 'Alex Rivera' },
      workspaces: [{ id: sandbox.acme.id, name: 'Acme Corp' }],
    });
    // The OAuth token works for servers like a personal one.
    const server = await owner.post(`/api/v1/connections/${id}/mcp-servers`, {
      name: 'OAuth server',
      workspace_id: sandbox.acme.id,
      space_ids: [sandbox.acme.spaceIds[0]],
    });
    expect(server.status).toBe(201);
  });

  it('sends the browser back with a readable error for a forged, reused-by-another-user or missing state', async () => {
    const start = await owner.raw('GET', '/api/v1/connections/oauth/start', { query: { name: 'x' } });
    const state = new URL(start.headers.get('location') as string).searchParams.get('state') as string;
    const callback = (client: ApiClient, query: Record<string, string>) =>
      client.raw('GET', '/api/v1/connections/oauth/callback', { query });
    const errorOf = (res: Response) => {
      expect(res.status).toBe(302);
      const url = new URL(res.headers.get('location') as string);
      expect(url.origin + url.pathname).toBe(`${DASHBOARD_URL}/connections`);
      expect(url.searchParams.get('created')).toBeNull();
      return url.searchParams.get('error');
    };

    const [body, mac] = state.split('.');
    const tampered = `${body.slice(0, -2)}AA.${mac}`;
    expect(errorOf(await callback(owner, { code: 'whatever', state: tampered }))).toMatch(
      /could not be verified/,
    );
    expect(errorOf(await callback(owner, { code: 'whatever' }))).toMatch(/could not be verified/);

    // Another admin of the same organization cannot finish the owner's round trip.
    const admin = await owner.post<{ password: string; email: string }>('/api/v1/users', {
      email: 'oauth-admin@example.com',
      name: 'OAuth admin',
      role: 'admin',
    });
    const adminClient = await api.signIn(admin.body.email, admin.body.password);
    expect(errorOf(await callback(adminClient, { code: 'whatever', state }))).toMatch(/another user/);

    // A code ClickUp does not know.
    expect(errorOf(await callback(owner, { code: 'unknown-code', state }))).toMatch(/ClickUp/);

    // Without a session the callback is refused outright.
    expect((await callback(api.anonymous, { code: 'x', state })).status).toBe(401);
  });

  it('answers 400 on start when OAuth is not configured', async () => {
    const clickup = api.runtime.configs.clickup;
    const saved = clickup.oauthClientId;
    clickup.oauthClientId = undefined;
    try {
      const res = await owner.get<ErrorBody>('/api/v1/connections/oauth/start', { query: { name: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/OAuth is not configured/);
    } finally {
      clickup.oauthClientId = saved;
    }
    expect((await owner.get<ErrorBody>('/api/v1/connections/oauth/start')).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every provisioning route', async () => {
    const doc = await api.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    expect(doc.status).toBe(200);
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/connections',
        'GET /api/v1/connections',
        'GET /api/v1/connections/{id}',
        'DELETE /api/v1/connections/{id}',
        'GET /api/v1/connections/oauth/start',
        'GET /api/v1/connections/oauth/callback',
        'POST /api/v1/connections/{id}/mcp-servers',
        'GET /api/v1/mcp-servers',
        'GET /api/v1/mcp-servers/{id}',
        'PATCH /api/v1/mcp-servers/{id}',
        'DELETE /api/v1/mcp-servers/{id}',
        'POST /api/v1/mcp-servers/{id}/rotate',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'PATCH /api/v1/users/{id}',
        'POST /api/v1/users/{id}/password-reset',
        'POST /api/v1/auth/password',
        'POST /api/v1/auth/password-reset',
        'GET /api/v1/teams',
        'POST /api/v1/teams',
        'GET /api/v1/teams/{id}',
        'POST /api/v1/teams/{id}/members',
        'DELETE /api/v1/teams/{id}/members/{userId}',
        'GET /api/v1/teams/{id}/policy',
        'PUT /api/v1/teams/{id}/policy',
        'PUT /api/v1/connections/{id}/teams',
        'GET /api/v1/api-tokens',
        'POST /api/v1/api-tokens',
        'DELETE /api/v1/api-tokens/{id}',
      ]),
    );
    expect(JSON.stringify(doc.body)).not.toMatch(/token_hash|credential_ciphertext|password_hash/);
  });
});
