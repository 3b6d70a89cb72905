import { expireServerJobId, JOB_QUEUES } from '@gw/queue';
import { MCP_TOKEN_PATTERN, sha256Hex } from '@gw/security';
import { AppProcess, waitFor } from '@gw/testing';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

/** The approval policy a server without one is shown with: nothing waits. */
const NO_APPROVAL = {
  mode: 'none',
  tools: [],
  approvers: null,
  second_approver_tools: [],
  min_tasks: null,
  ttl_minutes: 60,
};

interface Server {
  id: string;
  name: string;
  connection_id: string;
  team_id: string | null;
  workspace_id: string;
  space_ids: string[];
  config: {
    methods: string[];
    tags: string[];
    require_api_token_auth: boolean;
    allow_workspace_objects: boolean;
  };
  state: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  last_client_name: string | null;
  last_client_ip: string | null;
  url_hint: string | null;
  created_at: string;
  updated_at: string;
}
type CreatedServer = Server & { url: string; token: string };
interface ErrorBody {
  statusCode: number;
  message: string | string[];
}

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let connectionId: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
  const connection = await owner.post<{ id: string }>('/api/v1/connections', {
    name: 'Acme',
    type: 'personal_token',
    token: OWNER_TOKEN,
  });
  connectionId = connection.body.id;
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

const create = (body: Record<string, unknown>, client = owner) =>
  client.post<CreatedServer>(`/api/v1/connections/${connectionId}/mcp-servers`, {
    name: 'Server',
    workspace_id: sandbox.acme.id,
    ...body,
  });

const tokenHashOf = async (id: string) =>
  (
    await api.query<{ token_hash: string | null }>('SELECT token_hash FROM mcp_servers WHERE id = $1', [id])
  )[0].token_hash;

describe('creating an MCP server', () => {
  it('answers the URL and token once; the database holds only the token’s SHA-256', async () => {
    const res = await create({
      name: 'Support agent',
      space_ids: [sandbox.acme.spaceIds[0]],
      config: { methods: ['read', 'create'], tags: ['tasks', 'comments'] },
    });
    expect(res.status).toBe(201);
    const server = res.body;
    expect(server.token).toMatch(MCP_TOKEN_PATTERN);
    expect(server.url).toBe(`${api.baseUrl}/mcp/${server.token}`);
    expect(server).toMatchObject({
      name: 'Support agent',
      connection_id: connectionId,
      team_id: null,
      workspace_id: sandbox.acme.id,
      space_ids: [sandbox.acme.spaceIds[0]],
      config: { methods: ['read', 'create'], tags: ['tasks', 'comments'], require_api_token_auth: false },
      state: 'active',
      expires_at: null,
    });

    const [row] = await api.query('SELECT * FROM mcp_servers WHERE id = $1', [server.id]);
    expect(row['token_hash']).toBe(sha256Hex(server.token));
    expect(JSON.stringify(row)).not.toContain(server.token);

    const read = await owner.get<Server>(`/api/v1/mcp-servers/${server.id}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(server.token);
    expect(read.body).not.toHaveProperty('token');
    expect(read.body).not.toHaveProperty('url');
    expect(read.body.url_hint).toBe(`${api.baseUrl}/mcp/cmcp_…`);
    expect(read.body).toMatchObject({ last_used_at: null, last_client_name: null, last_client_ip: null });
    const list = await owner.get<Server[]>('/api/v1/mcp-servers');
    expect(list.text).not.toContain(server.token);
    expect(list.body.map((s) => s.id)).toContain(server.id);
  });

  it('accepts numeric ClickUp ids and defaults the config to everything', async () => {
    const res = await create({ workspace_id: Number(sandbox.acme.id) });
    expect(res.status).toBe(201);
    expect(res.body.workspace_id).toBe(sandbox.acme.id);
    expect(res.body.config).toEqual({
      methods: [],
      tags: [],
      require_api_token_auth: false,
      allow_workspace_objects: false,
      access_mode: 'url',
      sign_in_user_ids: [],
      sign_in_team_ids: [],
      clickup_account: 'connection',
      catalog: 'full',
      approval: NO_APPROVAL,
    });
    expect(res.body.space_ids).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown method', { config: { methods: ['read', 'destroy'] } }, /config\.methods may hold only/],
    ['an unknown tag', { config: { tags: ['tasks', 'payroll'] } }, /config\.tags may hold only/],
    ['an unknown config key', { config: { scopes: ['x'] } }, /property scopes should not exist/],
    ['a space that does not exist', { space_ids: ['99999999'] }, /space_ids not in workspace/],
    [
      'a workspace the connection cannot reach',
      { workspace_id: 'GLOBEX' },
      /not a workspace this connection can reach/,
    ],
    [
      'an expiry in the past',
      { expires_at: new Date(Date.now() - 1000).toISOString() },
      /expires_at must be in the future/,
    ],
    ['an expiry that is not a date', { expires_at: 'next tuesday' }, /expires_at must be an ISO-8601/],
    ['a team of no one', { team_id: '00000000-0000-4000-8000-000000000000' }, /team_id names no team/],
    ['no name', { name: '' }, /name should not be empty/],
  ])('refuses %s with 400', async (_label, body, message) => {
    const input = { ...body };
    if (input['workspace_id'] === 'GLOBEX') input['workspace_id'] = sandbox.globex.id;
    const before = await api.query('SELECT id FROM mcp_servers');
    const res = await create(input);
    expect(res.status).toBe(400);
    expect(([] as string[]).concat((res.body as unknown as ErrorBody).message).join('; ')).toMatch(message);
    expect(await api.query('SELECT id FROM mcp_servers')).toHaveLength(before.length);
  });

  it('refuses a space of another workspace', async () => {
    const res = await create({ space_ids: [sandbox.acme.spaceIds[0], sandbox.globex.spaceIds[0]] });
    expect(res.status).toBe(400);
    expect(String((res.body as unknown as ErrorBody).message)).toContain(sandbox.globex.spaceIds[0]);
  });
});

describe('changing an MCP server', () => {
  it('patches name, config, spaces and expiry, bumping updated_at each time', async () => {
    const server = (await create({ config: { methods: ['read'], tags: ['tasks'] } })).body;
    let updatedAt = server.updated_at;
    const patch = async (body: Record<string, unknown>) => {
      const res = await owner.patch<Server>(`/api/v1/mcp-servers/${server.id}`, body);
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(updatedAt));
      updatedAt = res.body.updated_at;
      return res.body;
    };
    expect((await patch({ name: 'Renamed' })).name).toBe('Renamed');
    // Config keys that are not given stay as they were.
    expect((await patch({ config: { methods: ['write'] } })).config).toEqual({
      methods: ['write'],
      tags: ['tasks'],
      require_api_token_auth: false,
      allow_workspace_objects: false,
      access_mode: 'url',
      sign_in_user_ids: [],
      sign_in_team_ids: [],
      clickup_account: 'connection',
      catalog: 'full',
      approval: NO_APPROVAL,
    });
    expect((await patch({ space_ids: sandbox.acme.spaceIds.slice(0, 2) })).space_ids).toEqual(
      sandbox.acme.spaceIds.slice(0, 2),
    );
    const expiresAt = inHours(48);
    const expiring = await patch({ expires_at: expiresAt });
    expect(expiring).toMatchObject({ expires_at: expiresAt, state: 'expiring_soon' });
    expect((await patch({ expires_at: null })).state).toBe('active');

    const bad = await owner.patch<ErrorBody>(`/api/v1/mcp-servers/${server.id}`, { space_ids: ['12345678'] });
    expect(bad.status).toBe(400);
    const past = await owner.patch<ErrorBody>(`/api/v1/mcp-servers/${server.id}`, {
      expires_at: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
  });

  it('rotates: a new token is shown once and replaces the old hash', async () => {
    const server = (await create({})).body;
    const rotated = await owner.post<{ url: string; token: string }>(
      `/api/v1/mcp-servers/${server.id}/rotate`,
    );
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body).sort()).toEqual(['token', 'url']);
    expect(rotated.body.token).toMatch(MCP_TOKEN_PATTERN);
    expect(rotated.body.token).not.toBe(server.token);
    expect(rotated.body.url).toBe(`${api.baseUrl}/mcp/${rotated.body.token}`);
    expect(await tokenHashOf(server.id)).toBe(sha256Hex(rotated.body.token));
    const after = await owner.get<Server>(`/api/v1/mcp-servers/${server.id}`);
    expect(Date.parse(after.body.updated_at)).toBeGreaterThan(Date.parse(server.updated_at));
  });

  it('revokes for good: the hash is deleted, and later changes are refused', async () => {
    const server = (await create({ expires_at: inHours(5) })).body;
    expect((await owner.delete(`/api/v1/mcp-servers/${server.id}`)).status).toBe(204);
    expect(await tokenHashOf(server.id)).toBeNull();
    const read = await owner.get<Server>(`/api/v1/mcp-servers/${server.id}`);
    expect(read.body).toMatchObject({ state: 'revoked', url_hint: null });
    expect(read.body.revoked_at).not.toBeNull();
    expect(Date.parse(read.body.updated_at)).toBeGreaterThan(Date.parse(server.updated_at));

    expect((await owner.patch(`/api/v1/mcp-servers/${server.id}`, { name: 'x' })).status).toBe(409);
    expect((await owner.post(`/api/v1/mcp-servers/${server.id}/rotate`)).status).toBe(409);
    expect((await owner.delete(`/api/v1/mcp-servers/${server.id}`)).status).toBe(204);
    // Its pending expiry job went with it.
    const queue = await api.runtime.queues.ready(JOB_QUEUES['expire-server']);
    expect(
      await queue.getJob(expireServerJobId(server.id, new Date(server.expires_at as string))),
    ).toBeUndefined();
  });

  it('brings an expired server back only by moving its expiry and then rotating', async () => {
    const server = (await create({ expires_at: inHours(1) })).body;
    await api.query(
      `UPDATE mcp_servers SET expires_at = now() - interval '1 minute', token_hash = NULL WHERE id = $1`,
      [server.id],
    );
    expect((await owner.post(`/api/v1/mcp-servers/${server.id}/rotate`)).status).toBe(409);
    const extended = await owner.patch<Server>(`/api/v1/mcp-servers/${server.id}`, {
      expires_at: inHours(240),
    });
    // The purged token does not come back with the new date.
    expect(extended.body).toMatchObject({ state: 'expired', url_hint: null });
    const rotated = await owner.post<{ token: string }>(`/api/v1/mcp-servers/${server.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect((await owner.get<Server>(`/api/v1/mcp-servers/${server.id}`)).body.state).toBe('active');
    expect(await tokenHashOf(server.id)).toBe(sha256Hex(rotated.body.token));
  });

  it('answers 404 for servers that do not exist', async () => {
    expect((await owner.get(`/api/v1/mcp-servers/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await owner.patch(`/api/v1/mcp-servers/${crypto.randomUUID()}`, { name: 'x' })).status).toBe(404);
    expect((await owner.post(`/api/v1/mcp-servers/nope/rotate`)).status).toBe(404);
    expect(
      (
        await owner.post(`/api/v1/connections/${crypto.randomUUID()}/mcp-servers`, {
          name: 'x',
          workspace_id: '1',
        })
      ).status,
    ).toBe(404);
  });
});

describe('listing MCP servers', () => {
  it('filters by connection and by derived state', async () => {
    const other = await owner.post<{ id: string }>('/api/v1/connections', {
      name: 'Second',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    const onOther = (
      await owner.post<Server>(`/api/v1/connections/${other.body.id}/mcp-servers`, {
        name: 'On second',
        workspace_id: sandbox.acme.id,
      })
    ).body;
    const soon = (await create({ name: 'Soon', expires_at: inHours(24) })).body;
    const revoked = (await create({ name: 'Revoked' })).body;
    await owner.delete(`/api/v1/mcp-servers/${revoked.id}`);
    const expired = (await create({ name: 'Expired', expires_at: inHours(1) })).body;
    await api.query(`UPDATE mcp_servers SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      expired.id,
    ]);

    const ids = async (query: Record<string, string>) =>
      (await owner.get<Server[]>('/api/v1/mcp-servers', { query })).body.map((s) => s.id);
    expect(await ids({ connection_id: other.body.id })).toEqual([onOther.id]);
    const active = await ids({ state: 'active' });
    expect(active).toEqual(expect.arrayContaining([onOther.id, soon.id]));
    expect(active).not.toEqual(expect.arrayContaining([revoked.id]));
    expect(active).not.toContain(expired.id);
    expect(await ids({ state: 'expiring_soon' })).toContain(soon.id);
    expect(await ids({ state: 'expiring_soon' })).not.toContain(onOther.id);
    expect(await ids({ state: 'revoked' })).toContain(revoked.id);
    expect(await ids({ state: 'expired' })).toEqual([expired.id]);
    const all = (await owner.get<Server[]>('/api/v1/mcp-servers')).body;
    expect(all.find((s) => s.id === expired.id)?.state).toBe('expired');
    expect(all.find((s) => s.id === soon.id)?.state).toBe('expiring_soon');

    expect((await owner.get('/api/v1/mcp-servers', { query: { state: 'dormant' } })).status).toBe(400);
  });
});

describe('expiry', () => {
  it('schedules one delayed job per expiry, and moves it when the expiry moves', async () => {
    const queue = await api.runtime.queues.ready(JOB_QUEUES['expire-server']);
    const first = inHours(3);
    const server = (await create({ expires_at: first })).body;
    const job = await queue.getJob(expireServerJobId(server.id, new Date(first)));
    expect(job).toBeDefined();
    expect(job?.name).toBe('expire-server');
    expect(job?.data).toEqual({ server_id: server.id });
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBeGreaterThan(3 * HOUR - 60_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(3 * HOUR);

    const second = inHours(6);
    await owner.patch(`/api/v1/mcp-servers/${server.id}`, { expires_at: second });
    expect(await queue.getJob(expireServerJobId(server.id, new Date(first)))).toBeUndefined();
    expect(await queue.getJob(expireServerJobId(server.id, new Date(second)))).toBeDefined();
    // Patching something else leaves the job as it is; clearing the expiry removes it.
    await owner.patch(`/api/v1/mcp-servers/${server.id}`, { name: 'Still expiring' });
    expect(await queue.getJob(expireServerJobId(server.id, new Date(second)))).toBeDefined();
    await owner.patch(`/api/v1/mcp-servers/${server.id}`, { expires_at: null });
    expect(await queue.getJob(expireServerJobId(server.id, new Date(second)))).toBeUndefined();
  });

  it('has the worker delete the token hash when the server expires, and not when it was extended', async () => {
    const worker = AppProcess.start('worker', {
      DATABASE_URL: api.env['DATABASE_URL'],
      REDIS_URL: api.env['REDIS_URL'],
      QUEUE_PREFIX: api.env['QUEUE_PREFIX'],
    });
    try {
      await worker.waitForLine(/worker processing jobs/);
      const soon = new Date(Date.now() + 2000).toISOString();
      const expiring = (await create({ name: 'Short-lived', expires_at: soon })).body;
      const extended = (await create({ name: 'Extended', expires_at: soon })).body;
      await owner.patch(`/api/v1/mcp-servers/${extended.id}`, { expires_at: inHours(1) });

      await waitFor(async () => (await tokenHashOf(expiring.id)) === null, {
        timeoutMs: 15_000,
        what: 'the expiry job to purge the token hash',
      });
      expect((await owner.get<Server>(`/api/v1/mcp-servers/${expiring.id}`)).body).toMatchObject({
        state: 'expired',
        url_hint: null,
      });
      expect(await tokenHashOf(extended.id)).toBe(sha256Hex(extended.token));
      const queue = await api.runtime.queues.ready(JOB_QUEUES['expire-server']);
      const job = await queue.getJob(expireServerJobId(expiring.id, new Date(soon)));
      expect(job?.returnvalue).toEqual({ purged: true, reason: 'expired' });
    } finally {
      await worker.stop();
    }
  }, 30_000);
});
