import { performance } from 'node:perf_hooks';
import { RetryQueue } from '../src/retry/retry-queue.service';
import { SecurityEvents } from '../src/security-events/security-events.service';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';
import { testAccessTokensModule, TestMcpAccessTokens } from './support/test-mcp-access-tokens';

interface Server {
  id: string;
  name: string;
  url: string | null;
  token: string | null;
  url_hint: string | null;
  sign_in_url: string | null;
  state: string;
  config: {
    access_mode: string;
    sign_in_user_ids: string[];
    sign_in_team_ids: string[];
    clickup_account: string;
    require_api_token_auth: boolean;
  };
}
interface Rpc {
  result?: { content?: { text: string }[]; structuredContent?: { ok: boolean; issues?: QueuedIssue[] } };
  error?: { code: number; message: string };
}
interface QueuedIssue {
  code: string;
  queued?: boolean;
  job_id?: string;
}
interface AuditRow {
  action: string;
  outcome: string;
  actor: string;
  tool: string | null;
  actor_user_id: string | null;
  actor_email: string | null;
  oauth_client_id: string | null;
  client_name: string | null;
  clickup_user_id: string | null;
  job_id: string | null;
  issue_codes: string[];
}

const PASSWORD = 'a-long-enough-password-42';
const SPRINT_42 = '901400000001';
const CLIENT_ID = 'https://agent.example.com/oauth/client-metadata.json';
const MODERN = '2026-07-28';

/**
 * Sign-in MCP servers, the resource side: the REST fields that make one, `/mcp/servers/{id}` admitting a person by
 * their access token (minted here by a stand-in of the authorization server, checked through the same contract),
 * its protected resource metadata, and audit rows that name the person. Once on PostgreSQL + Redis, once on the
 * embedded defaults.
 */
describe.each(STORAGES)('sign-in MCP servers on %s', (storage) => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  let owner: ApiClient;
  let member: ApiClient;
  let connectionId: string;
  const tokens = new TestMcpAccessTokens();
  const ids = { member: '', outsider: '', listed: '', team: '', otherTeam: '' };

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    api = await ApiUnderTest.start(
      sandbox,
      { RETRY_CALL_BUDGET_MS: '1500', RETRY_BASE_DELAY_MS: '200', RETRY_MAX_DELAY_MS: '500' },
      { storage, modules: [testAccessTokensModule(tokens)] },
    );
    owner = await api.signIn();
    for (const key of ['member', 'outsider', 'listed'] as const) {
      const res = await owner.post<{ id: string }>('/api/v1/users', {
        email: `${key}@example.com`,
        name: key,
        role: 'member',
        password: PASSWORD,
      });
      ids[key] = res.body.id;
    }
    member = await api.signIn('member@example.com', PASSWORD);
    ids.team = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Support' })).body.id;
    ids.otherTeam = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Sales' })).body.id;
    await owner.post(`/api/v1/teams/${ids.team}/members`, { user_id: ids.member });
    const connection = await owner.post<{ id: string }>('/api/v1/connections', {
      name: 'Acme',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    connectionId = connection.body.id;
    await owner.put(`/api/v1/connections/${connectionId}/teams`, { team_ids: [ids.team] });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  const create = (body: Record<string, unknown>, client = owner) =>
    client.post<Server>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Support agent',
      workspace_id: sandbox.acme.id,
      team_id: ids.team,
      ...body,
    });
  const signInServer = async (config: Record<string, unknown> = {}) => {
    const res = await create({ config: { access_mode: 'sign_in', ...config } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const signInUrl = (serverId: string) => `${api.baseUrl}/mcp/servers/${serverId}`;
  const metadataUrl = (serverId: string) =>
    `${api.baseUrl}/.well-known/oauth-protected-resource/mcp/servers/${serverId}`;
  const tokenFor = (
    userId: string,
    serverId: string,
    grant: { clientName?: string | null; ttlMs?: number } = {},
  ) => tokens.mint({ userId, resource: signInUrl(serverId), clientId: CLIENT_ID, ...grant });

  async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Rpc };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (name: string, args: Record<string, unknown> = {}, id = 1) => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args },
  });
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'claude-code', version: '2' },
    },
  };

  async function rows(serverId: string): Promise<AuditRow[]> {
    return api.query<AuditRow>(
      `SELECT action, outcome, actor, tool, actor_user_id, actor_email, oauth_client_id, client_name,
              clickup_user_id, job_id, issue_codes
         FROM audit_events WHERE server_id = $1 ORDER BY seq`,
      [serverId],
    );
  }
  async function securityEvents(reason: string): Promise<number> {
    await api.app.get(SecurityEvents).flush();
    const [row] = await api.query<{ count: number }>(
      'SELECT COALESCE(SUM(count), 0)::int AS count FROM security_events WHERE reason = $1',
      [reason],
    );
    return row.count;
  }

  describe('the REST fields', () => {
    it('creates a sign-in-only server with a sign-in URL and no secret at all', async () => {
      const server = await signInServer({
        sign_in_user_ids: [ids.listed],
        sign_in_team_ids: [ids.otherTeam],
      });
      expect(server).toMatchObject({
        url: null,
        token: null,
        url_hint: null,
        sign_in_url: signInUrl(server.id),
        state: 'active',
        config: {
          access_mode: 'sign_in',
          sign_in_user_ids: [ids.listed],
          sign_in_team_ids: [ids.otherTeam],
          clickup_account: 'connection',
        },
      });
      const [row] = await api.query<{ token_hash: string | null }>(
        'SELECT token_hash FROM mcp_servers WHERE id = $1',
        [server.id],
      );
      expect(row.token_hash).toBeNull();
      const active = await owner.get<Server[]>('/api/v1/mcp-servers', { query: { state: 'active' } });
      expect(active.body.map((s) => s.id)).toContain(server.id);
      const expired = await owner.get<Server[]>('/api/v1/mcp-servers', { query: { state: 'expired' } });
      expect(expired.body.map((s) => s.id)).not.toContain(server.id);
    });

    it('answers a url server as before, with defaults for the new fields and no sign-in URL', async () => {
      const res = await create({});
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^cmcp_/);
      expect(res.body.sign_in_url).toBeNull();
      expect(res.body.config).toMatchObject({
        access_mode: 'url',
        sign_in_user_ids: [],
        sign_in_team_ids: [],
        clickup_account: 'connection',
      });
      const both = await create({ config: { access_mode: 'url_and_sign_in' } });
      expect(both.body.token).toMatch(/^cmcp_/);
      expect(both.body.sign_in_url).toBe(signInUrl(both.body.id));
    });

    it('refuses bad values with a message that says what is wrong', async () => {
      const message = async (config: Record<string, unknown>) => {
        const res = await create({ config });
        expect(res.status).toBe(400);
        return (res.body as unknown as { message: string[] }).message.join(' | ');
      };
      expect(await message({ access_mode: 'oauth' })).toContain(
        'config.access_mode must be one of url, sign_in, url_and_sign_in',
      );
      expect(await message({ access_mode: 'sign_in', sign_in_user_ids: ['mel'] })).toContain(
        'config.sign_in_user_ids must hold user ids',
      );
      const stranger = '6f1c0f8e-1d7e-4a53-9a43-5d1c8a2b7e10';
      expect(await message({ access_mode: 'sign_in', sign_in_user_ids: [stranger] })).toBe(
        `config.sign_in_user_ids names no user of this organization: ${stranger}`,
      );
      expect(await message({ access_mode: 'sign_in', sign_in_team_ids: [stranger] })).toBe(
        `config.sign_in_team_ids names no team of this organization: ${stranger}`,
      );
      for (const access_mode of ['url', 'url_and_sign_in']) {
        expect(await message({ access_mode, clickup_account: 'caller' })).toContain(
          'config.clickup_account "caller" needs config.access_mode "sign_in"',
        );
      }
      expect(await message({ clickup_account: 'mine' })).toContain(
        'config.clickup_account must be one of connection, caller',
      );
      const caller = await create({ config: { access_mode: 'sign_in', clickup_account: 'caller' } });
      expect(caller.status).toBe(201);
      expect(caller.body.config.clickup_account).toBe('caller');
      const back = await owner.patch(`/api/v1/mcp-servers/${caller.body.id}`, {
        config: { access_mode: 'url' },
      });
      expect(back.status).toBe(400);
    });

    it('lets only owners and admins list people beyond the team, and audits the refusal', async () => {
      const refused = await create(
        { config: { access_mode: 'sign_in', sign_in_user_ids: [ids.outsider] } },
        member,
      );
      expect(refused.status).toBe(403);
      const [audit] = await api.query<{ count: number }>(
        `SELECT COUNT(*)::int AS count FROM audit_events WHERE actor = $1 AND outcome = 'denied'`,
        [`user:${ids.member}`],
      );
      expect(audit.count).toBeGreaterThan(0);
      // Read-only, as the team's default policy lets its members change it.
      const listed = (
        await create({
          config: { access_mode: 'sign_in', methods: ['read'], sign_in_user_ids: [ids.outsider, ids.listed] },
        })
      ).body;
      const shortened = await member.patch<Server>(`/api/v1/mcp-servers/${listed.id}`, {
        config: { sign_in_user_ids: [ids.listed] },
      });
      expect(shortened.status).toBe(200);
      expect(shortened.body.config.sign_in_user_ids).toEqual([ids.listed]);
    });

    it('accepts sign-in as what a team policy requiring an API token asks for', async () => {
      const policy = {
        connection_ids: [],
        workspace_ids: [],
        tags: [],
        methods: [],
        require_space_pinning: false,
        require_api_token_auth: true,
        max_expiry_days: null,
      };
      expect((await owner.put(`/api/v1/teams/${ids.team}/policy`, policy)).status).toBe(200);
      try {
        expect((await create({ config: { access_mode: 'sign_in' } }, member)).status).toBe(201);
        const both = await create({ config: { access_mode: 'url_and_sign_in' } }, member);
        expect(both.status).toBe(403);
        expect(JSON.stringify(both.body)).toContain('require_api_token_auth on a secret URL');
        const url = await create({ config: { access_mode: 'url', require_api_token_auth: true } }, member);
        expect(url.status).toBe(201);
        const switched = await member.patch<Server>(`/api/v1/mcp-servers/${url.body.id}`, {
          config: { access_mode: 'sign_in', require_api_token_auth: false },
        });
        expect(switched.status).toBe(200);
      } finally {
        await owner.put(`/api/v1/teams/${ids.team}/policy`, { ...policy, require_api_token_auth: false });
      }
    });
  });

  describe('the sign-in URL', () => {
    it('answers a tokenless request 401 with the challenge pointing at its metadata, counted as a security event', async () => {
      const server = await signInServer();
      const before = await securityEvents('mcp_bearer_missing');
      const res = await post(signInUrl(server.id), initialize);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(
        `Bearer resource_metadata="${api.baseUrl}/.well-known/oauth-protected-resource/mcp/servers/${server.id}"`,
      );
      expect(res.body.error?.code).toBe(-32001);
      expect(res.body.error?.message).toContain('needs sign-in');
      expect(await securityEvents('mcp_bearer_missing')).toBe(before + 1);
      expect(await rows(server.id)).toEqual([]);
    });

    it('describes itself in its protected resource metadata, readable from any web page', async () => {
      const server = await signInServer();
      const res = await fetch(metadataUrl(server.id), { headers: { origin: 'https://inspector.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual({
        resource: signInUrl(server.id),
        authorization_servers: [api.baseUrl],
        bearer_methods_supported: ['header'],
        resource_name: 'Support agent',
      });
      const preflight = await fetch(metadataUrl(server.id), { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);

      const urlOnly = (await create({})).body;
      for (const unknown of [urlOnly.id, '6f1c0f8e-1d7e-4a53-9a43-5d1c8a2b7e10', 'not-an-id']) {
        expect((await fetch(metadataUrl(unknown))).status).toBe(404);
        expect((await post(signInUrl(unknown), initialize)).status).toBe(404);
      }
      expect((await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).status).toBe(404);
    });

    it('serves a person with a token for it, and the audit rows name the person and their client', async () => {
      const server = await signInServer();
      const token = tokenFor(ids.member, server.id);
      const init = await post(signInUrl(server.id), initialize, bearer(token));
      expect(init.status).toBe(200);
      const session = init.headers.get('mcp-session-id') as string;
      const listed = await post(
        signInUrl(server.id),
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { ...bearer(token), 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
      );
      expect(listed.status).toBe(200);
      const me = await post(signInUrl(server.id), call('user_me'), {
        ...bearer(token),
        'mcp-session-id': session,
        'mcp-protocol-version': '2025-11-25',
      });
      expect(me.body.result?.structuredContent?.ok).toBe(true);
      // No session: the client never named itself in MCP, so the name in its OAuth metadata stands in.
      await post(signInUrl(server.id), call('user_me', {}, 3), bearer(token));

      const audited = await rows(server.id);
      expect(audited.map((r) => [r.action, r.outcome, r.client_name])).toEqual([
        ['initialize', 'ok', 'claude-code'],
        ['tools/list', 'ok', 'claude-code'],
        ['tools/call', 'ok', 'claude-code'],
        ['tools/call', 'ok', 'Example Agent'],
      ]);
      for (const row of audited) {
        expect(row).toMatchObject({
          actor: `mcp:${server.id}`,
          actor_user_id: ids.member,
          actor_email: 'member@example.com',
          oauth_client_id: CLIENT_ID,
        });
        expect(row.clickup_user_id).toMatch(/^\d+$/);
      }
      const byPerson = await owner.get<{ items: AuditRow[] }>('/api/v1/audit-events', {
        query: { actor_user_id: ids.member, server_id: server.id },
      });
      expect(byPerson.body.items).toHaveLength(4);
      const nobody = await owner.get<{ items: AuditRow[] }>('/api/v1/audit-events', {
        query: { actor_user_id: ids.outsider, server_id: server.id },
      });
      expect(nobody.body.items).toEqual([]);
      expect((await owner.get('/api/v1/audit-events', { query: { actor_user_id: 'mel' } })).status).toBe(400);
      const exported = await owner.raw('GET', '/api/v1/audit-events/export', {
        query: { actor_user_id: ids.member, format: 'jsonl' },
      });
      const lines = (await exported.text()).trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines.every((line) => (JSON.parse(line) as AuditRow).actor_user_id === ids.member)).toBe(true);
    });

    it('serves 2026-07-28 stateless requests with a bearer', async () => {
      const server = await signInServer();
      const token = tokenFor(ids.member, server.id);
      const res = await post(
        signInUrl(server.id),
        {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: {
            name: 'user_me',
            arguments: {},
            _meta: {
              'io.modelcontextprotocol/protocolVersion': MODERN,
              'io.modelcontextprotocol/clientInfo': { name: 'chatgpt', version: '5' },
              'io.modelcontextprotocol/clientCapabilities': {},
            },
          },
        },
        {
          ...bearer(token),
          'mcp-protocol-version': MODERN,
          'mcp-method': 'tools/call',
          'mcp-name': 'user_me',
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.result?.structuredContent?.ok).toBe(true);
      expect((await rows(server.id)).map((r) => [r.client_name, r.actor_email])).toEqual([
        ['chatgpt', 'member@example.com'],
      ]);
      const stream = await fetch(signInUrl(server.id), {
        headers: { ...bearer(token), accept: 'text/event-stream', 'mcp-protocol-version': MODERN },
      });
      expect(stream.status).toBe(405);
    });

    it('refuses a token of another server, an expired one and a revoked one with invalid_token', async () => {
      const a = await signInServer();
      const b = await signInServer();
      const challenge = (id: string) =>
        `Bearer resource_metadata="${metadataUrl(id)}", error="invalid_token"`;
      const before = await securityEvents('mcp_invalid_bearer');

      const forA = tokenFor(ids.member, a.id);
      const onB = await post(signInUrl(b.id), initialize, bearer(forA));
      expect(onB.status).toBe(401);
      expect(onB.headers.get('www-authenticate')).toBe(challenge(b.id));
      expect(onB.body.error?.message).toBe(
        'The access token is invalid, expired or not for this MCP server; sign in again',
      );

      const expiring = tokenFor(ids.member, a.id, { ttlMs: 300 });
      expect((await post(signInUrl(a.id), initialize, bearer(expiring))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const expired = await post(signInUrl(a.id), initialize, bearer(expiring));
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe(challenge(a.id));

      const revoked = tokenFor(ids.member, a.id);
      tokens.revoke(revoked);
      expect((await post(signInUrl(a.id), initialize, bearer(revoked))).status).toBe(401);
      expect((await post(signInUrl(a.id), initialize, bearer('made-up'))).status).toBe(401);

      expect(await securityEvents('mcp_invalid_bearer')).toBe(before + 4);
      expect(await rows(b.id)).toEqual([]);
    });

    it('refuses a person outside the server’s team and lists with 403, in the audit log, until listed', async () => {
      const server = await signInServer({ sign_in_team_ids: [ids.otherTeam] });
      const token = tokenFor(ids.outsider, server.id);
      const refused = await post(signInUrl(server.id), initialize, bearer(token));
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toBeNull();
      expect(refused.body.error?.message).toBe(
        'outsider@example.com may not use the MCP server "Support agent": it is open to its team\'s members, the ' +
          'admins and owners, and the people and teams an admin lists on it. Ask an admin to add you.',
      );
      expect(await rows(server.id)).toEqual([
        expect.objectContaining({
          action: 'http POST /mcp/servers/:id',
          outcome: 'denied',
          actor_user_id: ids.outsider,
          actor_email: 'outsider@example.com',
          oauth_client_id: CLIENT_ID,
          issue_codes: ['FORBIDDEN'],
        }),
      ]);

      await owner.post(`/api/v1/teams/${ids.otherTeam}/members`, { user_id: ids.outsider });
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(200);
      await owner.delete(`/api/v1/teams/${ids.otherTeam}/members/${ids.outsider}`);
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(403);

      await owner.patch(`/api/v1/mcp-servers/${server.id}`, { config: { sign_in_user_ids: [ids.outsider] } });
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(200);
    });

    it('stops a person at once when they are disabled', async () => {
      const server = await signInServer({ sign_in_user_ids: [ids.listed] });
      const token = tokenFor(ids.listed, server.id);
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(200);
      expect((await owner.patch(`/api/v1/users/${ids.listed}`, { disabled: true })).status).toBe(200);
      try {
        const refused = await post(signInUrl(server.id), initialize, bearer(token));
        expect(refused.status).toBe(403);
        expect(refused.body.error?.message).toBe(
          'The account listed@example.com is disabled; ask an admin of your organization',
        );
        expect((await rows(server.id)).at(-1)).toMatchObject({
          outcome: 'denied',
          actor_user_id: ids.listed,
        });
      } finally {
        await owner.patch(`/api/v1/users/${ids.listed}`, { disabled: false });
      }
    });

    it('follows access-mode switches at once, both ways', async () => {
      const created = await create({});
      const secretUrl = created.body.url as string;
      const server = created.body;
      expect((await post(secretUrl, initialize)).status).toBe(200);
      const token = tokenFor(ids.member, server.id);
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(404);

      const both = await owner.patch<Server>(`/api/v1/mcp-servers/${server.id}`, {
        config: { access_mode: 'url_and_sign_in' },
      });
      expect(both.body.sign_in_url).toBe(signInUrl(server.id));
      expect((await post(secretUrl, initialize)).status).toBe(200);
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(200);

      const signInOnly = await owner.patch<Server>(`/api/v1/mcp-servers/${server.id}`, {
        config: { access_mode: 'sign_in' },
      });
      expect(signInOnly.body).toMatchObject({ url_hint: null, state: 'active' });
      expect((await post(secretUrl, initialize)).status).toBe(404);
      expect((await owner.post(`/api/v1/mcp-servers/${server.id}/rotate`)).status).toBe(409);

      const urlAgain = await owner.patch<Server>(`/api/v1/mcp-servers/${server.id}`, {
        config: { access_mode: 'url' },
      });
      expect(urlAgain.body).toMatchObject({ sign_in_url: null, url_hint: null, state: 'expired' });
      expect((await post(signInUrl(server.id), initialize, bearer(token))).status).toBe(404);
      expect((await fetch(metadataUrl(server.id))).status).toBe(404);
      // The old secret stays dead; a rotation issues a new one.
      expect((await post(secretUrl, initialize)).status).toBe(404);
      const rotated = await owner.post<{ url: string }>(`/api/v1/mcp-servers/${server.id}/rotate`);
      expect(rotated.status).toBe(200);
      expect((await post(rotated.body.url, initialize)).status).toBe(200);
    });

    it('answers browser clients of allowed origins with CORS, and refuses other origins', async () => {
      const server = await signInServer();
      const preflight = await fetch(signInUrl(server.id), {
        method: 'OPTIONS',
        headers: { origin: DASHBOARD_URL, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD_URL);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      const challenged = await post(signInUrl(server.id), initialize, { origin: DASHBOARD_URL });
      expect(challenged.status).toBe(401);
      expect(challenged.headers.get('access-control-allow-origin')).toBe(DASHBOARD_URL);
      expect(challenged.headers.get('access-control-expose-headers')).toContain('www-authenticate');

      const foreign = 'https://evil.example';
      expect(
        (await fetch(signInUrl(server.id), { method: 'OPTIONS', headers: { origin: foreign } })).status,
      ).toBe(403);
      const token = tokenFor(ids.member, server.id);
      const refused = await post(signInUrl(server.id), initialize, { ...bearer(token), origin: foreign });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('carries the person into a queued write', async () => {
      const server = await signInServer();
      const token = tokenFor(ids.member, server.id);
      await sandbox.fault(`/api/v2/list/${SPRINT_42}/task`, 503, 1000);
      const res = await post(
        signInUrl(server.id),
        call('task_create', { list_id: SPRINT_42, name: 'Queued for a person' }),
        bearer(token),
      );
      const issue = res.body.result?.structuredContent?.issues?.[0];
      expect(issue).toMatchObject({ queued: true });
      const job = await api.app.get(RetryQueue).get(issue?.job_id as string);
      expect(job?.job.data.origin.caller).toEqual({
        user_id: ids.member,
        email: 'member@example.com',
        oauth_client_id: CLIENT_ID,
      });
      expect((await rows(server.id)).at(-1)).toMatchObject({
        tool: 'task_create',
        job_id: issue?.job_id,
        actor_user_id: ids.member,
      });
      await api.app.get(RetryQueue).cancel(job as NonNullable<typeof job>, 'test');
    }, 30_000);

    it('keeps the secret URL of a server reached both ways working and naming no person', async () => {
      const created = await create({ config: { access_mode: 'url_and_sign_in' } });
      await post(created.body.url as string, initialize);
      const [row] = await rows(created.body.id);
      expect(row).toMatchObject({ actor_user_id: null, actor_email: null, oauth_client_id: null });
      expect(row.clickup_user_id).toMatch(/^\d+$/);
    });
  });

  // Two api processes share a database only on PostgreSQL; the embedded database belongs to the process running it.
  if (storage !== 'embedded') {
    it('stops a disabled person in a second api process at once, and follows a mode switch there within 1 s', async () => {
      // One deployment: the same database, key and public URL (behind one load balancer), another process.
      const other = await ApiUnderTest.start(
        sandbox,
        { PUBLIC_URL: api.baseUrl, ENCRYPTION_KEY: api.env['ENCRYPTION_KEY'] },
        { databaseUrl: api.env['DATABASE_URL'], modules: [testAccessTokensModule(tokens)] },
      );
      try {
        const server = await signInServer({ sign_in_user_ids: [ids.listed] });
        const token = tokenFor(ids.listed, server.id);
        const there = `${other.baseUrl}/mcp/servers/${server.id}`;
        expect((await post(there, initialize, bearer(token))).status).toBe(200);
        expect((await owner.patch(`/api/v1/users/${ids.listed}`, { disabled: true })).status).toBe(200);
        try {
          expect((await post(there, initialize, bearer(token))).status).toBe(403);
        } finally {
          await owner.patch(`/api/v1/users/${ids.listed}`, { disabled: false });
        }
        expect((await post(there, initialize, bearer(token))).status).toBe(200);

        await owner.patch(`/api/v1/mcp-servers/${server.id}`, { config: { access_mode: 'url' } });
        const switched = Date.now();
        while ((await post(there, initialize, bearer(token))).status !== 404) {
          expect(Date.now() - switched).toBeLessThan(1000);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      } finally {
        await other.stop();
      }
    }, 60_000);
  }

  it('keeps the sign-in admission cheap: one token check per half second, measured against the secret URL', async () => {
    const created = await create({ config: { access_mode: 'url_and_sign_in' } });
    const server = created.body;
    const token = tokenFor(ids.member, server.id);
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const once = async (url: string, headers: Record<string, string>) => {
      const started = performance.now();
      const res = await post(url, list, { ...headers, 'mcp-protocol-version': '2025-11-25' });
      expect(res.status).toBe(200);
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i++) {
      await once(created.body.url as string, {});
      await once(signInUrl(server.id), bearer(token));
    }
    // Interleaved, so both URLs meet the same load on a shared machine.
    const signedIn: number[] = [];
    const secret: number[] = [];
    const before = tokens.verifications;
    const started = Date.now();
    for (let i = 0; i < 300; i++) {
      signedIn.push(await once(signInUrl(server.id), bearer(token)));
      secret.push(await once(created.body.url as string, {}));
    }
    const elapsed = Date.now() - started;
    const verifications = tokens.verifications - before;
    expect(verifications).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    const p50 = (samples: number[]) => [...samples].sort((x, y) => x - y)[samples.length >> 1].toFixed(2);
    // The figure goes to docs/adr/0014-sign-in-mcp-servers.md.
    process.stdout.write(
      `[${storage}] tools/list p50 ms: sign-in ${p50(signedIn)}, secret URL ${p50(secret)}; ` +
        `${verifications} token checks in ${elapsed} ms\n`,
    );
  }, 60_000);
});
