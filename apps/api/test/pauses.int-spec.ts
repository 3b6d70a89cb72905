import { randomUUID } from 'node:crypto';
import { ApiUnderTest, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Created {
  id: string;
}
interface Server extends Created {
  url: string;
  token: string;
}
interface Pause {
  id: string;
  scope: string;
  target: { id: string; name: string | null };
  reason: string;
  created_by: { user_id: string | null; email: string | null };
  created_at: string;
  resumed_at: string | null;
  resumed_by: { user_id: string | null; email: string | null } | null;
  resume_reason: string | null;
  queued: string;
}
interface ToolAnswer {
  result?: {
    isError?: boolean;
    structuredContent?: { ok: boolean; issues: { code: string; message: string }[] };
  };
  error?: { code: number; message: string };
}

const PASSWORD = 'a-long-enough-password-42';
const MODERN = '2026-07-28';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mcp(url: string, body: unknown, headers: Record<string, string> = {}) {
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
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as ToolAnswer };
}

const call = (url: string, name = 'workspace_list', args: Record<string, unknown> = {}) =>
  mcp(url, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } });
const listTools = (url: string) => mcp(url, { jsonrpc: '2.0', id: 8, method: 'tools/list', params: {} });

/** The issue a paused call answers with, or null when the call ran. */
async function refusal(url: string): Promise<{ code: string; message: string } | null> {
  const { body } = await call(url);
  const envelope = body.result?.structuredContent;
  if (!envelope) throw new Error(`no envelope: ${JSON.stringify(body)}`);
  return envelope.ok ? null : envelope.issues[0];
}

/** Opens a server-sent event stream; `ended` resolves with the time the gateway ended it, `text` with what it sent. */
async function openStream(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, ...init });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Date.now();
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { ended, text: () => text, cancel: () => reader.cancel().catch(() => undefined) };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([promise, sleep(ms).then(() => 'timeout' as const)]);

describe.each(STORAGES)('the kill switch on %s', (storage) => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  const as = {} as Record<'owner' | 'admin' | 'auditor' | 'member', ApiClient>;
  const ids = { users: {} as Record<string, string>, support: '', sales: '', acme: '', other: '' };
  const servers = {} as Record<'support' | 'sales' | 'otherConnection', Server>;

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    api = await ApiUnderTest.start(sandbox, {}, { storage });
    as.owner = await api.signIn();
    for (const role of ['admin', 'auditor', 'member'] as const) {
      const email = `${role}@example.com`;
      const res = await as.owner.post<Created>('/api/v1/users', {
        email,
        name: role,
        role,
        password: PASSWORD,
      });
      ids.users[role] = res.body.id;
      as[role] = await api.signIn(email, PASSWORD);
    }
    ids.support = (await as.owner.post<Created>('/api/v1/teams', { name: 'Support' })).body.id;
    ids.sales = (await as.owner.post<Created>('/api/v1/teams', { name: 'Sales' })).body.id;
    const connect = async (name: string) =>
      (
        await as.owner.post<Created>('/api/v1/connections', {
          name,
          type: 'personal_token',
          token: OWNER_TOKEN,
        })
      ).body.id;
    ids.acme = await connect('Acme');
    ids.other = await connect('Other token');
    const create = async (connection: string, name: string, team: string | null) => {
      const res = await as.owner.post<Server>(`/api/v1/connections/${connection}/mcp-servers`, {
        name,
        workspace_id: sandbox.acme.id,
        ...(team ? { team_id: team } : {}),
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    servers.support = await create(ids.acme, 'Support agent', ids.support);
    servers.sales = await create(ids.acme, 'Sales agent', ids.sales);
    servers.otherConnection = await create(ids.other, 'Other agent', null);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  /** Resumes every pause in force, so each test starts unpaused. */
  afterEach(async () => {
    const active = await as.owner.get<{ items: Pause[] }>('/api/v1/pauses', { query: { active: 'true' } });
    for (const pause of active.body.items) {
      await as.owner.delete(`/api/v1/pauses/${pause.id}`, { body: { reason: 'test clean-up' } });
    }
  });

  describe('REST', () => {
    it('lets only owners and admins pause and resume; members and auditors get 403 and change nothing', async () => {
      const body = { scope: 'team', id: ids.support, reason: 'an agent misbehaves' };
      expect((await as.member.post('/api/v1/pauses', body)).status).toBe(403);
      expect((await as.auditor.post('/api/v1/pauses', body)).status).toBe(403);
      expect(await refusal(servers.support.url)).toBeNull();
      const paused = await as.admin.post<Pause>('/api/v1/pauses', body);
      expect(paused.status).toBe(201);
      for (const who of ['member', 'auditor'] as const) {
        const res = await as[who].delete(`/api/v1/pauses/${paused.body.id}`, { body: { reason: 'mine' } });
        expect(res.status).toBe(403);
      }
      expect(await refusal(servers.support.url)).toMatchObject({ code: 'FORBIDDEN' });
      // Everyone may see the pauses in force: the console shows them to every role.
      const seen = await as.member.get<{ items: Pause[] }>('/api/v1/pauses', { query: { active: 'true' } });
      expect(seen.body.items.map((p) => p.id)).toEqual([paused.body.id]);
    });

    it.each([
      ['a team id that is no UUID', { scope: 'team', id: 'SUPPORT', reason: 'x' }, /id must be the UUID/],
      ['a team scope without id', { scope: 'team', reason: 'x' }, /id must be the UUID/],
      [
        'an unknown scope',
        { scope: 'space', reason: 'x' },
        /scope must be one of organization, team, connection/,
      ],
      ['no reason', { scope: 'organization' }, /reason is required/],
      ['a blank reason', { scope: 'organization', reason: '   ' }, /reason is required/],
      [
        'a reason of 501 characters',
        { scope: 'organization', reason: 'x'.repeat(501) },
        /at most 500 characters/,
      ],
      ['a reason that is no string', { scope: 'organization', reason: 42 }, /reason must be a string/],
      [
        'an unknown field',
        { scope: 'organization', reason: 'x', until: 'tomorrow' },
        /property until should not/,
      ],
    ])('refuses a pause with %s (400)', async (_label, body, message) => {
      const res = await as.owner.post<{ message: string[] }>('/api/v1/pauses', body);
      expect(res.status).toBe(400);
      expect(res.body.message.join(' ')).toMatch(message);
    });

    it('answers 404 for a team, connection or organization that is not the caller’s', async () => {
      const reason = 'x';
      for (const body of [
        { scope: 'team', id: randomUUID(), reason },
        { scope: 'connection', id: randomUUID(), reason },
        { scope: 'organization', id: randomUUID(), reason },
      ]) {
        const res = await as.owner.post<{ message: string }>('/api/v1/pauses', body);
        expect(res.status).toBe(404);
        expect(res.body.message).toMatch(/^No such (team|connection|organization)/);
      }
      const deleted = (
        await as.owner.post<Created>('/api/v1/connections', {
          name: 'Removed',
          type: 'personal_token',
          token: OWNER_TOKEN,
        })
      ).body.id;
      expect((await as.owner.delete(`/api/v1/connections/${deleted}`)).status).toBe(204);
      const res = await as.owner.post('/api/v1/pauses', { scope: 'connection', id: deleted, reason });
      expect(res.status).toBe(404);
    });

    it('answers a pause with its scope, target and author, refuses a second pause of that scope with 409, and audits both', async () => {
      const created = await as.admin.post<Pause>('/api/v1/pauses', {
        scope: 'team',
        id: ids.support,
        reason: ' Agent loops on task_delete ',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        scope: 'team',
        target: { id: ids.support, name: 'Support' },
        reason: 'Agent loops on task_delete',
        created_by: { user_id: ids.users['admin'], email: 'admin@example.com' },
        created_at: expect.any(String),
        resumed_at: null,
        resumed_by: null,
        resume_reason: null,
        queued: 'held',
      });
      const again = await as.owner.post<{ message: string }>('/api/v1/pauses', {
        scope: 'team',
        id: ids.support,
        reason: 'me too',
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain(`already paused (pause ${created.body.id}`);
      // Another scope covering the same servers is a pause of its own.
      const org = await as.owner.post<Pause>('/api/v1/pauses', { scope: 'organization', reason: 'all stop' });
      expect(org.status).toBe(201);
      expect(org.body.target.id).not.toBe(ids.support);
      const [owner] = await api.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'owner@example.com'`,
      );
      const rows = await api.query<{ outcome: string; actor: string; issue_codes: string[] }>(
        `SELECT outcome, actor, issue_codes FROM audit_events WHERE action = 'pause.created' ORDER BY seq DESC LIMIT 3`,
      );
      expect(rows).toEqual([
        { outcome: 'ok', actor: `user:${owner.id}`, issue_codes: [] },
        { outcome: 'error', actor: `user:${owner.id}`, issue_codes: ['VALIDATION_ERROR'] },
        { outcome: 'ok', actor: `user:${ids.users['admin']}`, issue_codes: [] },
      ]);
    });

    it('resumes with a reason, once: 409 after, 404 for an unknown id, 400 without a reason', async () => {
      const pause = (
        await as.owner.post<Pause>('/api/v1/pauses', {
          scope: 'connection',
          id: ids.other,
          reason: 'token leaked',
        })
      ).body;
      const path = `/api/v1/pauses/${pause.id}`;
      const noReason = await as.owner.delete<{ message: string[] }>(path, { body: {} });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toContain('reason is required: say why MCP access is resumed');
      const badQueued = await as.owner.delete<{ message: string[] }>(path, {
        body: { reason: 'ok', queued: 'later' },
      });
      expect(badQueued.status).toBe(400);
      expect(badQueued.body.message).toEqual(['queued must be one of resume, discard']);
      expect(
        (await as.owner.delete(`/api/v1/pauses/${randomUUID()}`, { body: { reason: 'x' } })).status,
      ).toBe(404);
      expect((await as.owner.delete('/api/v1/pauses/not-a-uuid', { body: { reason: 'x' } })).status).toBe(
        404,
      );
      expect(await refusal(servers.otherConnection.url)).toMatchObject({ code: 'FORBIDDEN' });

      const resumed = await as.admin.delete<Pause>(path, { body: { reason: 'token rotated' } });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({
        id: pause.id,
        resumed_at: expect.any(String),
        resumed_by: { user_id: ids.users['admin'], email: 'admin@example.com' },
        resume_reason: 'token rotated',
        queued: 'resumed',
      });
      expect(await refusal(servers.otherConnection.url)).toBeNull();
      const twice = await as.owner.delete<{ message: string }>(path, { body: { reason: 'again' } });
      expect(twice.status).toBe(409);
      expect(twice.body.message).toMatch(/^This pause was resumed at /);

      const listed = await as.owner.get<{ items: Pause[] }>('/api/v1/pauses');
      expect(listed.body.items.find((p) => p.id === pause.id)?.resume_reason).toBe('token rotated');
      expect((await as.owner.get('/api/v1/pauses', { query: { active: 'maybe' } })).status).toBe(400);
      const [row] = await api.query<{ outcome: string; arguments: { params: { id: string } } }>(
        `SELECT outcome, arguments FROM audit_events WHERE action = 'pause.resumed' AND outcome = 'ok'
          ORDER BY seq DESC LIMIT 1`,
      );
      expect(row.arguments.params.id).toBe(pause.id);
    });
  });

  describe('MCP', () => {
    it("refuses a paused team's tool calls with FORBIDDEN naming the pause, audits that, and leaves other teams working", async () => {
      expect(await refusal(servers.support.url)).toBeNull();
      const pause = (
        await as.owner.post<Pause>('/api/v1/pauses', {
          scope: 'team',
          id: ids.support,
          reason: 'bulk deletes',
        })
      ).body;
      const issue = await refusal(servers.support.url);
      expect(issue?.code).toBe('FORBIDDEN');
      expect(issue?.message).toContain('MCP access of the team "Support" is paused since');
      expect(issue?.message).toContain('by owner@example.com: "bulk deletes"');
      expect(issue?.message).toContain(`(pause ${pause.id})`);
      // Nothing but the call is refused: the agent can still connect and list its tools.
      const listed = await listTools(servers.support.url);
      expect(listed.status).toBe(200);
      expect(listed.body.error).toBeUndefined();
      expect(await refusal(servers.sales.url)).toBeNull();
      expect(await refusal(servers.otherConnection.url)).toBeNull();

      const [row] = await api.query<{
        outcome: string;
        issue_codes: string[];
        arguments: { reason: string };
      }>(
        `SELECT outcome, issue_codes, arguments FROM audit_events
          WHERE server_id = $1 AND action = 'tools/call' ORDER BY seq DESC LIMIT 1`,
        [servers.support.id],
      );
      expect(row.outcome).toBe('denied');
      expect(row.issue_codes).toEqual(['FORBIDDEN']);
      expect(row.arguments.reason).toContain(`pause ${pause.id}`);
    });

    it('stops every server of the organization, or of one connection, by its scope', async () => {
      const connection = (
        await as.owner.post<Pause>('/api/v1/pauses', { scope: 'connection', id: ids.acme, reason: 'rotate' })
      ).body;
      expect((await refusal(servers.support.url))?.message).toContain(
        'through the ClickUp connection "Acme"',
      );
      expect((await refusal(servers.sales.url))?.code).toBe('FORBIDDEN');
      expect(await refusal(servers.otherConnection.url)).toBeNull();
      await as.owner.post('/api/v1/pauses', { scope: 'organization', reason: 'incident 42' });
      // The widest pause is the one named.
      expect((await refusal(servers.support.url))?.message).toContain('MCP access of the organization');
      expect((await refusal(servers.otherConnection.url))?.code).toBe('FORBIDDEN');
      await as.owner.delete(`/api/v1/pauses/${connection.id}`, { body: { reason: 'rotated' } });
      expect((await refusal(servers.support.url))?.message).toContain('"incident 42"');
    });

    it('applies a pause committed by another process within a second, and its resume too', async () => {
      const [org] = await api.query<{ organization_id: string }>(
        'SELECT organization_id FROM teams WHERE id = $1',
        [ids.sales],
      );
      const id = randomUUID();
      const committed = Date.now();
      await api.query(
        `INSERT INTO pauses (id, organization_id, scope, target_id, reason) VALUES ($1, $2, 'team', $3, 'elsewhere')`,
        [id, org.organization_id, ids.sales],
      );
      let seenAt = 0;
      while (!seenAt && Date.now() - committed < 3000) {
        if ((await refusal(servers.sales.url))?.message.includes(id)) seenAt = Date.now();
        else await sleep(20);
      }
      expect(seenAt - committed).toBeGreaterThan(0);
      expect(seenAt - committed).toBeLessThan(1000);
      const resumed = Date.now();
      await api.query('UPDATE pauses SET resumed_at = now(), queued = $2 WHERE id = $1', [id, 'resumed']);
      let freeAt = 0;
      while (!freeAt && Date.now() - resumed < 3000) {
        if ((await refusal(servers.sales.url)) === null) freeAt = Date.now();
        else await sleep(20);
      }
      expect(freeAt - resumed).toBeGreaterThan(0);
      expect(freeAt - resumed).toBeLessThan(1000);
    });

    it("closes a paused server's open streams within a second, refuses new ones, and keeps other servers' open", async () => {
      const support = servers.support;
      const get = await openStream(support.url);
      const legacy = await openStream(`${support.url}/sse`);
      const controller = new AbortController();
      const listen = await openStream(support.url, {
        method: 'POST',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': MODERN,
          'mcp-method': 'subscriptions/listen',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'listen-1',
          method: 'subscriptions/listen',
          params: {
            _meta: {
              'io.modelcontextprotocol/protocolVersion': MODERN,
              'io.modelcontextprotocol/clientInfo': { name: 'raw-2026', version: '1.0.0' },
              'io.modelcontextprotocol/clientCapabilities': {},
            },
            notifications: { toolsListChanged: true },
          },
        }),
      });
      const sales = await openStream(servers.sales.url);
      await sleep(200);

      // Committed by "another process": only this process's poll can notice it.
      const [org] = await api.query<{ organization_id: string }>(
        'SELECT organization_id FROM teams WHERE id = $1',
        [ids.support],
      );
      const pauseId = randomUUID();
      const committed = Date.now();
      await api.query(
        `INSERT INTO pauses (id, organization_id, scope, target_id, reason) VALUES ($1, $2, 'team', $3, 'streams')`,
        [pauseId, org.organization_id, ids.support],
      );
      for (const stream of [get, legacy, listen]) {
        const ended = await within(stream.ended, 3000);
        expect(ended).not.toBe('timeout');
        expect((ended as number) - committed).toBeLessThan(1000);
        expect(stream.text()).toContain(`pause ${pauseId}`);
      }
      expect(legacy.text()).toContain('notifications/message');
      expect(listen.text()).toContain('"id":"listen-1","error"');
      expect(await within(sales.ended, 300)).toBe('timeout');

      const refused = await fetch(support.url, { headers: { accept: 'text/event-stream' } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(pauseId);
      const refusedLegacy = await fetch(`${support.url}/sse`, { headers: { accept: 'text/event-stream' } });
      expect(refusedLegacy.status).toBe(403);
      await refusedLegacy.text();
      const [row] = await api.query<{ outcome: string; issue_codes: string[] }>(
        `SELECT outcome, issue_codes FROM audit_events WHERE server_id = $1 AND action LIKE 'http GET%'
          ORDER BY seq DESC LIMIT 1`,
        [support.id],
      );
      expect(row).toEqual({ outcome: 'denied', issue_codes: ['FORBIDDEN'] });
      await sales.cancel();
      controller.abort();
    });
  });
});
