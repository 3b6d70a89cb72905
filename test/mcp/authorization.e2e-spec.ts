import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { sha256Hex } from '@gw/security';
import { waitFor } from '@gw/testing';
import {
  callTool,
  connectClient,
  connectSandbox,
  createServer,
  INITIALIZE,
  rawPost,
  sandboxIds,
} from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

type Ids = Awaited<ReturnType<typeof sandboxIds>>;

describe('who may use an MCP URL, and what it can reach', () => {
  const stack = new Stack('postgres', { sandbox: true, worker: false });
  let ids: Ids;
  let connection: string;

  beforeAll(async () => {
    await stack.start();
    ids = await sandboxIds(stack);
    connection = await connectSandbox(stack);
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  const sql = async <T>(query: string, params: unknown[] = []): Promise<T[]> => {
    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      return (await db.query(query, params)).rows as T[];
    } finally {
      await db.end();
    }
  };

  describe('tokens', () => {
    it('answers an unknown or malformed token with 404 and a JSON-RPC error, revealing nothing', async () => {
      for (const token of [`cmcp_${'A'.repeat(43)}`, 'not-a-token', 'cmcp_short']) {
        const res = await rawPost(`${stack.baseUrl}/mcp/${token}`, INITIALIZE);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { message: 'Unknown MCP URL' } });
      }
    });

    it('stops a revoked URL within a second, and shows the revoked state', async () => {
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      expect((await rawPost(server.url, INITIALIZE)).status).toBe(200);
      expect((await stack.rest('DELETE', `/mcp-servers/${server.id}`)).status).toBe(204);
      await waitFor(async () => (await rawPost(server.url, INITIALIZE)).status === 404, {
        timeoutMs: 1500,
        intervalMs: 50,
      });
      expect((await stack.rest<{ state: string }>('GET', `/mcp-servers/${server.id}`)).body.state).toBe(
        'revoked',
      );
    });

    it('replaces the token on rotation: the old URL stops, the new one works', async () => {
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      const rotated = await stack.rest<{ url: string; token: string }>(
        'POST',
        `/mcp-servers/${server.id}/rotate`,
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body.token).not.toBe(server.token);
      await waitFor(async () => (await rawPost(server.url, INITIALIZE)).status === 404, {
        timeoutMs: 1500,
        intervalMs: 50,
      });
      expect((await rawPost(rotated.body.url, INITIALIZE)).status).toBe(200);
    });

    it('refuses an expired URL with 401', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        expires_at: new Date(Date.now() + 2500).toISOString(),
      });
      expect((await rawPost(server.url, INITIALIZE)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2600));
      const res = await rawPost(server.url, INITIALIZE);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { message: 'This MCP URL has expired' } });
    });

    it('stores only the SHA-256 of a token', async () => {
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      const rows = await sql<{ token_hash: string }>('SELECT token_hash FROM mcp_servers WHERE id = $1', [
        server.id,
      ]);
      expect(rows[0].token_hash).toBe(sha256Hex(server.token));
      const dump = JSON.stringify(await sql('SELECT * FROM mcp_servers'));
      expect(dump).not.toContain(server.token);
      expect(stack.api.text()).not.toContain(server.token);
    });
  });

  describe('second factor and origin', () => {
    it('requires a bearer API token of the same organization when require_api_token_auth is on', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        config: { methods: [], tags: [], require_api_token_auth: true },
      });
      const none = await rawPost(server.url, INITIALIZE);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const otherOrg = randomUUID();
      const foreignToken = `cgw_${randomUUID()}`;
      await sql("INSERT INTO organizations (id, name) VALUES ($1, 'Other Inc')", [otherOrg]);
      await sql(
        "INSERT INTO api_tokens (id, organization_id, name, role, token_hash, token_prefix) VALUES ($1, $2, 'other', 'owner', $3, 'cgw_')",
        [randomUUID(), otherOrg, sha256Hex(foreignToken)],
      );
      expect(
        (await rawPost(server.url, INITIALIZE, { authorization: `Bearer ${foreignToken}` })).status,
      ).toBe(401);
      expect(
        (await rawPost(server.url, INITIALIZE, { authorization: `Bearer ${ADMIN.apiToken}` })).status,
      ).toBe(200);

      const client = await connectClient(server.url, {
        headers: { authorization: `Bearer ${ADMIN.apiToken}` },
      });
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    });

    it('accepts as second factor only the API tokens of an owner, an admin or a member of the server’s team', async () => {
      const team = async (name: string) =>
        (await stack.rest<{ id: string }>('POST', '/teams', { name })).body.id;
      const [support, sales] = [await team('Second factor support'), await team('Second factor sales')];
      /** A user of the role, in the team, with an API token of its own. */
      const tokenOf = async (role: string, teamId: string | null) => {
        const user = await stack.rest<{ id: string }>('POST', '/users', {
          email: `${randomUUID()}@example.com`,
          name: role,
          role,
        });
        if (teamId) await stack.rest('POST', `/teams/${teamId}/members`, { user_id: user.body.id });
        const token = `cgw_${randomUUID()}`;
        await sql(
          `INSERT INTO api_tokens (id, organization_id, created_by_user_id, name, role, token_hash, token_prefix)
           SELECT $1, organization_id, id, 'own', role, $2, 'cgw_' FROM users WHERE id = $3`,
          [randomUUID(), sha256Hex(token), user.body.id],
        );
        return token;
      };
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        team_id: support,
        config: { methods: [], tags: [], require_api_token_auth: true },
      });
      const status = async (token: string) =>
        (await rawPost(server.url, INITIALIZE, { authorization: `Bearer ${token}` })).status;

      expect(await status(await tokenOf('auditor', support))).toBe(401);
      expect(await status(await tokenOf('member', sales))).toBe(401);
      expect(await status(await tokenOf('member', null))).toBe(401);
      expect(await status(await tokenOf('member', support))).toBe(200);
      expect(await status(await tokenOf('admin', null))).toBe(200);
      expect(await status(ADMIN.apiToken)).toBe(200);
    });

    it('answers a foreign browser Origin with 403 and accepts its own', async () => {
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      expect((await rawPost(server.url, INITIALIZE, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await rawPost(server.url, INITIALIZE, { origin: new URL(stack.baseUrl).origin })).status).toBe(
        200,
      );
    });

    it('rejects an MCP-Protocol-Version it does not speak', async () => {
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      const res = await rawPost(
        server.url,
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { 'mcp-protocol-version': '1999-01-01' },
      );
      expect(res.status).toBe(400);
    });
  });

  describe('method and tag filters', () => {
    it('hides write tools from a read-only server and refuses them if called anyway', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        config: { methods: ['read'], tags: ['tasks'] },
      });
      const client = await connectClient(server.url);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['task_get', 'task_list_in_list', 'task_search']));
      expect(names.every((n) => n.startsWith('task_'))).toBe(true);
      expect(names).not.toContain('task_create');
      expect(names).not.toContain('task_delete');
      const denied = await callTool(client, 'task_create', { list_id: '1', name: 'x' });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      await client.close();
    });

    it('combines methods and tags with AND', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        config: { methods: ['create'], tags: ['comments', 'tasks'] },
      });
      const client = await connectClient(server.url);
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(expect.arrayContaining(['comment_create', 'task_create', 'task_add_tag']));
      expect(names.every((n) => n.startsWith('task_') || n.startsWith('comment_'))).toBe(true);
      expect(names).not.toContain('task_update');
      expect(names).not.toContain('comment_list');
      await client.close();
    });

    it('sends tools/list_changed to an open stream when an admin edits the config, and lists the new set', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        config: { methods: ['read'], tags: ['members'] },
      });
      const client = await connectClient(server.url);
      const changed = new Promise<void>(
        (resolve) =>
          (client.fallbackNotificationHandler = async (n) => {
            if (n.method === 'notifications/tools/list_changed') resolve();
          }),
      );
      // Give the client a moment to open its GET stream.
      await new Promise((r) => setTimeout(r, 300));
      const patched = await stack.rest('PATCH', `/mcp-servers/${server.id}`, {
        config: { methods: ['read'], tags: ['members', 'goals'] },
      });
      expect(patched.status).toBe(200);
      await changed;
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['member_list', 'goal_list']));
      await client.close();
    });
  });

  describe('workspace and space scope', () => {
    it('lets a server pinned to Engineering read nothing outside it, whatever ids the agent guesses', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        space_ids: [ids.engineering],
      });
      const client = await connectClient(server.url);

      expect(await callTool(client, 'task_get', { task_id: ids.engineeringTask })).toMatchObject({
        ok: true,
      });
      const marketing = await callTool(client, 'task_get', { task_id: ids.marketingTask });
      expect(marketing).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const globex = await callTool(client, 'task_get', { task_id: ids.globexTask });
      expect(globex.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.issues[0].code);
      expect(JSON.stringify(globex)).not.toMatch(/Globex/);

      const tree = await callTool<{ spaces: { id: string; name: string }[] }>(client, 'workspace_hierarchy');
      expect(tree.result?.spaces.map((s) => s.name)).toEqual(['Engineering']);

      const search = await callTool<{ items: { space_id?: string }[] }>(client, 'task_search', {
        include_closed: true,
        limit: 100,
      });
      expect(search.ok).toBe(true);
      expect(search.result?.items.length).toBeGreaterThan(0);
      await client.close();
    });

    it('keeps goals from a server pinned to Engineering until an admin allows workspace-level objects', async () => {
      const server = await createServer(stack, connection, {
        workspace_id: ids.acme,
        space_ids: [ids.engineering],
        config: { tags: ['goals', 'tasks'] },
      });
      const client = await connectClient(server.url);
      const goalTools = async () =>
        (await client.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('goal_'));
      expect(await goalTools()).toEqual([]);
      expect(await callTool(client, 'goal_list', {})).toMatchObject({
        ok: false,
        issues: [{ code: 'FORBIDDEN' }],
      });
      expect(
        await callTool(client, 'goal_create', { name: 'Planted', due_date: '2031-01-01T00:00:00Z' }),
      ).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });

      const patched = await stack.rest('PATCH', `/mcp-servers/${server.id}`, {
        config: { allow_workspace_objects: true },
      });
      expect(patched.status).toBe(200);
      await waitFor(async () => (await goalTools()).includes('goal_list'), { timeoutMs: 5000 });
      const goals = await callTool<{ items: { name: string }[] }>(client, 'goal_list', {});
      expect(goals.ok).toBe(true);
      expect(goals.result?.items.map((g) => g.name)).not.toContain('Planted');
      await client.close();
    });

    it('cannot be created for a workspace the connection does not reach', async () => {
      const res = await stack.rest('POST', `/connections/${connection}/mcp-servers`, {
        name: 'globex',
        workspace_id: ids.globex,
        config: { methods: [], tags: [] },
      });
      expect([400, 422]).toContain(res.status);
    });
  });

  describe('the audit log', () => {
    it('holds a denied row for each refusal of a known server, none for unknown URLs or foreign origins, and never the token', async () => {
      const page = await stack.rest<{ items: Record<string, unknown>[] }>(
        'GET',
        '/audit-events?outcome=denied&limit=500',
      );
      expect(page.status).toBe(200);
      const rows = page.body.items;
      // Unknown tokens, and requests refused for their Origin before the token is looked up, name no server: they
      // are security events (test/security), never rows of an organization's chain.
      expect(rows.filter((r) => r['actor'] === 'mcp:unknown')).toEqual([]);
      const reasons = rows.map((r) => (r['arguments'] as { reason?: string } | null)?.reason ?? '');
      expect(reasons).toContain('This MCP URL has expired');
      expect(reasons).not.toContain('Forbidden: origin not allowed');
      expect(reasons.some((r) => r.startsWith('This MCP URL needs Authorization'))).toBe(true);
      const expired = rows.find(
        (r) => (r['arguments'] as { reason?: string })?.reason === 'This MCP URL has expired',
      );
      expect(expired?.['server_id']).toEqual(expect.any(String));
      const refusedTool = rows.find((r) => r['action'] === 'tools/call' && r['tool'] === 'task_create');
      expect(refusedTool).toMatchObject({ outcome: 'denied', issue_codes: ['FORBIDDEN'] });
      const outOfScope = rows.find((r) => r['action'] === 'tools/call' && r['tool'] === 'task_get');
      expect(outOfScope).toMatchObject({ outcome: 'denied', issue_codes: ['FORBIDDEN'] });
      expect(JSON.stringify(rows)).not.toMatch(/cmcp_[A-Za-z0-9_-]{43}/);
      expect((await stack.rest<{ ok: boolean }>('GET', '/audit-events/verify')).body.ok).toBe(true);
    });
  });
});
