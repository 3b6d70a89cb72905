import { tokenFingerprint } from '@gw/clickup-client';
import { McpServerLoader, type ServedServer } from '@gw/mcp-servers';
import type { Envelope } from '@gw/mcp-tools';
import type { SignedInCaller } from '@gw/queue';
import { SecretBox, linkedAccountCredentialAad } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { McpAudit } from '../src/mcp/audit/mcp-audit';
import { serializeResponse } from '../src/mcp/dispatch/json-rpc';
import { McpDispatcher } from '../src/mcp/dispatch/mcp-dispatcher';
import type { McpRequest } from '../src/mcp/mcp-request';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import { type ApiClient, signIn } from './support/http-client';
import { approveOnClickUp, connectWithClickUp } from './support/oauth-browser';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface MyAccount {
  linked: boolean;
  clickup_user: { id: number; username: string | null; email: string | null } | null;
  workspaces: { id: string; name: string }[];
  linked_at: string | null;
  last_used_at: string | null;
}
interface LinkedAccount {
  user_id: string;
  user_email: string;
  clickup_user: { id: number; username: string | null };
  linked_at: string;
  last_used_at: string | null;
}
interface AuditRow {
  action: string;
  outcome: string;
  issue_codes: string[];
  clickup_user_id: string | null;
  tool: string | null;
  arguments: unknown;
}
interface RpcAnswer {
  result?: { structuredContent: Envelope<Record<string, unknown>> };
  error?: { code: number; message: string; data?: { elicitations: Record<string, string>[] } };
}

const PASSWORD = 'a-long-enough-password-0123';

/**
 * Each person's own ClickUp account, end to end in the api on both storages: linking through the sandbox's OAuth
 * consent, and MCP calls on a server acting as its caller through the production dispatch, execution and audit
 * stages with an origin naming the signed-in person (as the sign-in route puts it there).
 */
describe.each(STORAGES)('linked ClickUp accounts on %s', (storage) => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  let owner: ApiClient;
  const people: Record<string, { id: string; email: string; client: ApiClient }> = {};
  let callerServer: ServedServer;
  let connectionServer: ServedServer;
  let ownerClickUpId: number;

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    // A call waits at most a second for the rate budget, so the budget test ends quickly.
    api = await ApiUnderTest.start(sandbox, { RETRY_CALL_BUDGET_MS: '1000' }, { storage });
    owner = await api.signIn();
    for (const name of ['ann', 'ben', 'gil', 'nora']) {
      const email = `${name}-${randomUUID().slice(0, 6)}@example.com`;
      const created = await owner.post<{ id: string }>('/api/v1/users', {
        email,
        name,
        role: 'member',
        password: PASSWORD,
      });
      expect(created.status).toBe(201);
      people[name] = { id: created.body.id, email, client: await signIn(api.baseUrl, email, PASSWORD) };
    }
    const connection = await owner.post<{ id: string; clickup_user: { id: number } }>('/api/v1/connections', {
      name: 'Shared',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    ownerClickUpId = connection.body.clickup_user.id;
    const server = async (name: string) =>
      (
        await owner.post<{ id: string }>(`/api/v1/connections/${connection.body.id}/mcp-servers`, {
          name,
          workspace_id: sandbox.acme.id,
          config: { methods: [], tags: [] },
        })
      ).body.id;
    const [callerId, connectionId] = [await server('Per person'), await server('Shared account')];
    // The server DTO's `clickup_account` field comes with the sign-in work; the column is the same.
    await api.query(
      `UPDATE mcp_servers SET config = config || '{"clickup_account": "caller"}'::jsonb WHERE id = $1`,
      [callerId],
    );
    callerServer = await loaded(callerId);
    connectionServer = await loaded(connectionId);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  const loaded = async (id: string): Promise<ServedServer> => {
    const server = await api.app.get(McpServerLoader).byId(id);
    if ('refused' in server) throw new Error(server.refused);
    return server;
  };

  /** Starts linking as `person`, approves on ClickUp as `clickupUser`; returns the callback URL and the landing. */
  async function link(
    person: ApiClient,
    clickupUser: string,
    workspaceIds = [sandbox.acme.id],
    body: Record<string, string> = {},
  ): Promise<{ callback: string; landing: URL }> {
    const start = await person.post<{ authorize_url: string }>('/api/v1/me/clickup-account/oauth', body);
    expect(start.status).toBe(200);
    const back = await approveOnClickUp(new URL(start.body.authorize_url), {
      user: clickupUser,
      workspaceIds,
    });
    const callback = back.pathname + back.search;
    return { callback, landing: await land(person, callback) };
  }

  const land = async (person: ApiClient, callback: string): Promise<URL> => {
    const res = await person.raw('GET', callback);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') as string);
  };

  const auditSince = async (seq: number) =>
    api.query<AuditRow & { seq: string }>(
      `SELECT seq, action, outcome, issue_codes, clickup_user_id, tool, arguments FROM audit_events
        WHERE seq > $1 ORDER BY seq`,
      [seq],
    );
  const newestSeq = async () =>
    Number(
      (await api.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM audit_events'))[0].seq,
    );

  let rpcId = 0;
  /** One tools/call through the production dispatcher, recorded by the production MCP audit, as the exchange does. */
  async function call(
    server: ServedServer,
    caller: SignedInCaller | null,
    tool: string,
    args: Record<string, unknown> = {},
    elicitsUrls = false,
  ): Promise<RpcAnswer> {
    const req: McpRequest = {
      address: { kind: 'sign_in', serverId: server.id },
      id: randomUUID(),
      ip: '127.0.0.1',
      route: 'POST /mcp/servers/:id',
      headers: {},
      carriesMessages: true,
    };
    const request = {
      jsonrpc: '2.0' as const,
      id: ++rpcId,
      method: 'tools/call',
      params: { name: tool, arguments: args },
    };
    const outcome = await api.app.get(McpDispatcher).dispatch(request, server, {
      origin: {
        client_name: 'test-client',
        client_version: '1.0.0',
        session_id: null,
        request_id: req.id,
        ip: req.ip,
        user_agent: null,
        caller,
      },
      message: { protocol: { generation: 'legacy', version: '2025-11-25' }, meta: null, trace: null },
      elicitsUrls,
    });
    const person = caller && {
      userId: caller.user_id,
      email: caller.email,
      clientId: caller.oauth_client_id,
      clientName: null,
      tokenExpiresAt: Date.now() + 60_000,
    };
    await api.app
      .get(McpAudit)
      .call(req, { server, person }, 'tools/call', outcome, { client: null, id: undefined }, 1);
    return JSON.parse(serializeResponse(outcome.response)) as RpcAnswer;
  }
  const callerOf = (name: string): SignedInCaller => ({
    user_id: people[name].id,
    email: people[name].email,
    oauth_client_id: 'https://client.example/metadata.json',
  });
  const envelope = (answer: RpcAnswer) =>
    answer.result?.structuredContent as Envelope<Record<string, unknown>>;
  const sandboxRequests = async (since: number) =>
    (
      (await (await fetch(`${sandbox.url}/_sandbox/requests?since=${since}`)).json()) as {
        requests: { seq: number; path: string; headers: Record<string, string> }[];
      }
    ).requests;
  const lastSandboxSeq = async () => (await sandboxRequests(0)).at(-1)?.seq ?? 0;

  describe('linking', () => {
    it('shows nothing linked, and refuses an API token acting for its creator', async () => {
      const mine = await people['ann'].client.get<MyAccount>('/api/v1/me/clickup-account');
      expect(mine.body).toEqual({
        linked: false,
        clickup_user: null,
        workspaces: [],
        linked_at: null,
        last_used_at: null,
      });
      const token = await owner.post<{ token: string }>('/api/v1/api-tokens', {
        name: 'script',
        role: 'admin',
      });
      const script = owner.as({ kind: 'bearer', token: token.body.token });
      expect((await script.get('/api/v1/me/clickup-account')).status).toBe(403);
      expect((await script.post('/api/v1/me/clickup-account/oauth', {})).status).toBe(403);
    });

    it("links through ClickUp's consent, stores the token sealed, and leaves one audit row without the code", async () => {
      const before = await newestSeq();
      const { landing } = await link(people['ann'].client, 'sarah');
      expect(landing.toString()).toBe(`${DASHBOARD_URL}/account/clickup?linked=1`);

      const mine = await people['ann'].client.get<MyAccount>('/api/v1/me/clickup-account');
      expect(mine.body).toMatchObject({
        linked: true,
        clickup_user: { username: 'Sarah Chen', email: 'sarah@acme.example' },
        workspaces: [{ id: sandbox.acme.id, name: 'Acme Corp' }],
      });

      const [row] = await api.query<Record<string, string>>(
        'SELECT * FROM clickup_linked_accounts WHERE user_id = $1',
        [people['ann'].id],
      );
      const token = api.app
        .get(SecretBox)
        .open(
          { ciphertext: row['credential_ciphertext'], keyId: row['credential_key_id'] },
          linkedAccountCredentialAad(row['organization_id'], people['ann'].id),
        );
      expect(token.length).toBeGreaterThan(20);
      expect(row['credential_fingerprint']).toBe(tokenFingerprint(token));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(mine.text).not.toContain(token);

      const rows = await auditSince(before);
      expect(rows.map((r) => `${r.action} ${r.outcome}`)).toEqual([
        'clickup_accounts.start_link ok',
        'clickup_accounts.link ok',
      ]);
      expect(rows[1].arguments).toMatchObject({ query: { code: '[redacted]', state: '[redacted]' } });
      expect(JSON.stringify(await api.query('SELECT * FROM audit_events'))).not.toContain(token);
    });

    it('refuses a replayed, forged or foreign state, with a reason on the console page', async () => {
      const { callback } = await link(people['ben'].client, 'david');
      const replay = await land(people['ben'].client, callback);
      expect(replay.searchParams.get('error')).toMatch(/already used/);

      const forged = new URL(callback, api.baseUrl);
      forged.searchParams.set('state', `${forged.searchParams.get('state')}x`);
      expect(
        (await land(people['ben'].client, forged.pathname + forged.search)).searchParams.get('error'),
      ).toMatch(/could not be verified/);

      // Ann's redirect reaching Ben's browser: the state names Ann, and nothing is linked for Ben.
      const start = await people['nora'].client.post<{ authorize_url: string }>(
        '/api/v1/me/clickup-account/oauth',
        {},
      );
      const back = await approveOnClickUp(new URL(start.body.authorize_url), {
        user: 'david',
        workspaceIds: [sandbox.acme.id],
      });
      const stolen = await land(people['ben'].client, back.pathname + back.search);
      expect(stolen.searchParams.get('error')).toMatch(/another user/);
      expect((await people['nora'].client.get<MyAccount>('/api/v1/me/clickup-account')).body.linked).toBe(
        false,
      );

      // A state made for a connection is not one for a linked account.
      const { consentUrl } = await connectWithClickUp(owner, 'x', {
        user: 'owner',
        workspaceIds: [sandbox.acme.id],
      });
      const connectionState = consentUrl.searchParams.get('state') as string;
      const crossed = await land(
        owner,
        `/api/v1/me/clickup-account/oauth/callback?code=abc&state=${encodeURIComponent(connectionState)}`,
      );
      expect(crossed.searchParams.get('error')).toMatch(/could not be verified/);
    });

    it('lists who has linked for admins only, and relinking replaces the account', async () => {
      await link(people['gil'].client, 'guest', [sandbox.globex.id]);
      const list = await owner.get<LinkedAccount[]>('/api/v1/clickup-accounts');
      expect(list.status).toBe(200);
      const byEmail = new Map(list.body.map((a) => [a.user_email, a]));
      expect(byEmail.get(people['ann'].email)?.clickup_user.username).toBe('Sarah Chen');
      expect(byEmail.get(people['ben'].email)?.clickup_user.username).toBe('David Okafor');
      expect(byEmail.get(people['gil'].email)?.clickup_user.username).toBe('Grace Guest');
      expect(byEmail.has(people['nora'].email)).toBe(false);
      expect((await people['ann'].client.get('/api/v1/clickup-accounts')).status).toBe(403);
    });
  });

  describe('calls on a server acting as its caller', () => {
    it("acts as the person's ClickUp user with the person's token, and the audit row names that user", async () => {
      const since = await lastSandboxSeq();
      const before = await newestSeq();
      const answer = await call(callerServer, callerOf('ann'), 'user_me');
      expect(envelope(answer)).toMatchObject({ ok: true, result: { username: 'Sarah Chen' } });
      const sent = (await sandboxRequests(since)).filter((r) => r.path === '/api/v2/user');
      expect(sent.length).toBeGreaterThan(0);
      // An OAuth token goes as Bearer; the connection's personal token would go raw (pk_…).
      for (const r of sent) expect(r.headers['authorization']).toMatch(/^Bearer /);
      const [row] = await auditSince(before);
      expect(row).toMatchObject({ tool: 'user_me', outcome: 'ok' });
      const sarah = (await people['ann'].client.get<MyAccount>('/api/v1/me/clickup-account')).body
        .clickup_user;
      expect(row.clickup_user_id).toBe(String(sarah?.id));

      // The same tool on the shared server acts as the connection's user.
      const shared = await call(connectionServer, callerOf('ann'), 'user_me');
      expect(envelope(shared)).toMatchObject({ ok: true, result: { username: 'Alex Rivera' } });
      expect((await auditSince(before)).at(-1)?.clickup_user_id).toBe(String(ownerClickUpId));
      const used = await people['ann'].client.get<MyAccount>('/api/v1/me/clickup-account');
      expect(used.body.last_used_at).not.toBeNull();
    });

    it('answers a person who has not linked with the link: -32042 for URL-elicitation clients, an envelope for others, audited denied', async () => {
      const before = await newestSeq();
      const plain = envelope(await call(callerServer, callerOf('nora'), 'user_me'));
      expect(plain.ok).toBe(false);
      expect(plain.issues[0]).toMatchObject({ code: 'CLICKUP_ACCOUNT_NOT_LINKED' });
      expect(plain.issues[0].message).toContain(people['nora'].email);
      const url = new URL(plain.issues[0].link_url as string);
      expect(`${url.origin}${url.pathname}`).toBe(`${DASHBOARD_URL}/account/clickup`);

      const elicited = await call(callerServer, callerOf('nora'), 'user_me', {}, true);
      expect(elicited.result).toBeUndefined();
      expect(elicited.error?.code).toBe(-32042);
      const [elicitation] = elicited.error?.data?.elicitations ?? [];
      expect(elicitation).toMatchObject({ mode: 'url', message: expect.stringContaining('Per person') });
      const link = new URL(elicitation['url']);
      expect(link.searchParams.get('elicitation')).toBe(elicitation['elicitationId']);
      // The URL names no person.
      expect(elicitation['url']).not.toContain(people['nora'].id);
      expect(elicitation['url']).not.toContain(people['nora'].email);

      const rows = await auditSince(before);
      expect(rows.map((r) => [r.outcome, r.issue_codes, r.clickup_user_id])).toEqual([
        ['denied', ['CLICKUP_ACCOUNT_NOT_LINKED'], null],
        ['denied', ['CLICKUP_ACCOUNT_NOT_LINKED'], null],
      ]);

      // The link works for Nora, and for nobody else.
      const elicitationId = elicitation['elicitationId'];
      expect(
        (await people['ann'].client.post('/api/v1/me/clickup-account/oauth', { elicitation: elicitationId }))
          .status,
      ).toBe(403);
      expect(
        (await people['nora'].client.post('/api/v1/me/clickup-account/oauth', { elicitation: elicitationId }))
          .status,
      ).toBe(200);
    });

    it("names the workspace when the person's account does not reach it, and needs a signed-in caller at all", async () => {
      const outside = envelope(await call(callerServer, callerOf('gil'), 'user_me'));
      expect(outside.issues[0]).toMatchObject({ code: 'CLICKUP_ACCOUNT_NOT_LINKED' });
      expect(outside.issues[0].message).toContain(`"Acme Corp" (${sandbox.acme.id})`);
      expect(outside.issues[0].message).toContain('Grace Guest');

      const anonymous = envelope(await call(callerServer, null, 'user_me'));
      expect(anonymous.issues[0]).toMatchObject({ code: 'FORBIDDEN' });
      expect(anonymous.issues[0].message).toContain(`/mcp/servers/${callerServer.id}`);
    });

    it("keeps each person's token in its own rate budget", async () => {
      await fetch(`${sandbox.url}/_sandbox/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ per_minute: 3 }),
      });
      try {
        let limited: Envelope | null = null;
        for (let i = 0; i < 6 && !limited; i++) {
          const answer = envelope(await call(callerServer, callerOf('ann'), 'user_me'));
          if (!answer.ok) limited = answer;
        }
        expect(limited?.issues[0].code).toBe('RATE_LIMIT');
        // Ben's token has its own budget at ClickUp and here: his call goes straight through.
        const started = Date.now();
        expect(envelope(await call(callerServer, callerOf('ben'), 'user_me'))).toMatchObject({
          ok: true,
          result: { username: 'David Okafor' },
        });
        expect(Date.now() - started).toBeLessThan(900);
      } finally {
        await fetch(`${sandbox.url}/_sandbox/rate-limit`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ per_minute: 1_000_000 }),
        });
      }
    });

    it('asks to relink when ClickUp no longer accepts the token', async () => {
      await link(people['nora'].client, 'sarah');
      expect(envelope(await call(callerServer, callerOf('nora'), 'user_me')).ok).toBe(true);
      await fetch(`${sandbox.url}/_sandbox/oauth/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'sarah' }),
      });
      const refused = envelope(await call(callerServer, callerOf('nora'), 'user_me'));
      expect(refused.issues[0]).toMatchObject({ code: 'AUTH_ERROR' });
      expect(refused.issues[0].message).toMatch(
        /Relink it at http:\/\/dashboard\.test\/account\/clickup\?elicitation=/,
      );
      expect(refused.issues[0].link_url).toContain('/account/clickup?elicitation=');
      // Relinking restores it.
      await link(people['nora'].client, 'sarah');
      expect(envelope(await call(callerServer, callerOf('nora'), 'user_me')).ok).toBe(true);
    });

    it('stops at once when the person unlinks, when an admin unlinks, and within a second when another process does', async () => {
      expect((await people['ann'].client.delete('/api/v1/me/clickup-account')).status).toBe(204);
      expect((await people['ann'].client.delete('/api/v1/me/clickup-account')).status).toBe(404);
      expect(envelope(await call(callerServer, callerOf('ann'), 'user_me')).issues[0].code).toBe(
        'CLICKUP_ACCOUNT_NOT_LINKED',
      );

      expect(envelope(await call(callerServer, callerOf('ben'), 'user_me')).ok).toBe(true);
      expect((await owner.delete(`/api/v1/clickup-accounts/${people['ben'].id}`)).status).toBe(204);
      expect((await owner.delete(`/api/v1/clickup-accounts/${people['ben'].id}`)).status).toBe(404);
      expect(envelope(await call(callerServer, callerOf('ben'), 'user_me')).issues[0].code).toBe(
        'CLICKUP_ACCOUNT_NOT_LINKED',
      );

      // Nora's account is cached here; another process unlinks it (a write this process did not make).
      expect(envelope(await call(callerServer, callerOf('nora'), 'user_me')).ok).toBe(true);
      await api.query(
        `UPDATE clickup_linked_accounts SET credential_ciphertext = '', unlinked_at = now() WHERE user_id = $1`,
        [people['nora'].id],
      );
      const unlinkedAt = Date.now();
      let code: string | undefined;
      while (Date.now() - unlinkedAt < 3000) {
        code = envelope(await call(callerServer, callerOf('nora'), 'user_me')).issues[0]?.code;
        if (code === 'CLICKUP_ACCOUNT_NOT_LINKED') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(code).toBe('CLICKUP_ACCOUNT_NOT_LINKED');
      expect(Date.now() - unlinkedAt).toBeLessThan(1000);

      const list = await owner.get<LinkedAccount[]>('/api/v1/clickup-accounts');
      expect(list.body.map((a) => a.user_email)).toEqual([people['gil'].email]);
    });
  });
});
