import { randomUUID } from 'node:crypto';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

// The read-only endpoints the dashboard is built on: the tool preview, the overview numbers and a workspace's spaces.
interface ToolPreview {
  tools: { name: string; method: string; tags: string[]; read_only: boolean; bytes: number }[];
  groups: { tag: string; selected: number; total: number; bytes: number }[];
  catalog_count: number;
  listing_bytes: number;
  full_listing_bytes: number;
  cap_bytes: number;
  approx_tokens: number;
  withheld_tools: string[];
}
interface Overview {
  days: { date: string; by_group: Record<string, number>; calls: number; denied: number; error: number }[];
  groups: string[];
  totals: { calls: number; denied: number; error: number; denied_rate: number; error_rate: number };
  queue: { waiting: number; delayed: number; active: number; failed: number } | null;
  servers: { active: number; expiring_soon: number; expired: number; revoked: number };
}

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let connectionId: string;
let organizationId: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
  connectionId = (
    await owner.post<{ id: string }>('/api/v1/connections', {
      name: 'Acme',
      type: 'personal_token',
      token: OWNER_TOKEN,
    })
  ).body.id;
  organizationId = (await owner.get<{ organization: { id: string } }>('/api/v1/auth/me')).body.organization
    .id;
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

async function userWithRole(role: 'auditor' | 'member'): Promise<ApiClient> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'a-long-enough-password';
  await owner.post('/api/v1/users', { email, name: role, role, password });
  return api.signIn(email, password);
}

describe('GET /api/v1/tools', () => {
  it('previews a read-only tasks server: its tools and the size of their listing', async () => {
    const res = await owner.get<ToolPreview>('/api/v1/tools', { query: { methods: 'read', tags: 'tasks' } });
    expect(res.status).toBe(200);
    expect(res.body.tools.map((t) => t.name)).toEqual([
      'task_get',
      'task_list_in_list',
      'task_search',
      'task_time_in_status',
    ]);
    expect(res.body.tools.every((t) => t.read_only && ['get', 'list'].includes(t.method))).toBe(true);
    expect(res.body.groups.find((g) => g.tag === 'tasks')).toMatchObject({ selected: 4 });
    expect(res.body.groups.find((g) => g.tag === 'tasks')?.total).toBeGreaterThan(4);
    const entries = res.body.tools.reduce((sum, t) => sum + t.bytes, 0);
    // `{"tools":[a,b,c,d]}`: the entries, three commas and 12 bytes of wrapping.
    expect(res.body.listing_bytes).toBe(entries + 3 + '{"tools":[]}'.length);
    expect(res.body.approx_tokens).toBe(Math.ceil(res.body.listing_bytes / 4));
    // What each group adds, and the cap the whole listing is kept under.
    expect(res.body.groups.find((g) => g.tag === 'tasks')?.bytes).toBe(entries);
    expect(res.body.groups.find((g) => g.tag === 'goals')?.bytes).toBe(0);
    expect(res.body.full_listing_bytes).toBe(res.body.listing_bytes);
    expect(res.body.cap_bytes).toBe(60_000);
  });

  it('previews a progressive server: the same tools, a listing of its meta tools only', async () => {
    const query = { methods: 'read', tags: 'tasks' };
    const full = await owner.get<ToolPreview>('/api/v1/tools', { query });
    const progressive = await owner.get<ToolPreview>('/api/v1/tools', {
      query: { ...query, catalog: 'progressive' },
    });
    expect(progressive.body.tools).toEqual(full.body.tools);
    expect(progressive.body.groups).toEqual(full.body.groups);
    expect(progressive.body.full_listing_bytes).toBe(full.body.listing_bytes);
    expect(progressive.body.listing_bytes).toBeLessThan(2_000);
    const bad = await owner.get<{ message: string[] }>('/api/v1/tools', { query: { catalog: 'lazy' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toContain('catalog must be one of full, progressive');
  });

  it('says which goal tools a space-pinned server withholds, until workspace-level objects are allowed', async () => {
    const goalTools = ['goal_get', 'goal_list'];
    const query = { methods: 'read', tags: 'goals,tasks' };
    const whole = await owner.get<ToolPreview>('/api/v1/tools', { query });
    expect(whole.body.tools.map((t) => t.name)).toEqual(expect.arrayContaining(goalTools));
    expect(whole.body.withheld_tools).toEqual([]);
    const pinned = await owner.get<ToolPreview>('/api/v1/tools', { query: { ...query, pinned: 'true' } });
    expect(pinned.body.tools.map((t) => t.name)).toEqual([
      'task_get',
      'task_list_in_list',
      'task_search',
      'task_time_in_status',
    ]);
    expect(pinned.body.withheld_tools.sort()).toEqual(goalTools);
    expect(pinned.body.groups.find((g) => g.tag === 'goals')).toMatchObject({ selected: 0 });
    const allowed = await owner.get<ToolPreview>('/api/v1/tools', {
      query: { ...query, pinned: 'true', allow_workspace_objects: 'true' },
    });
    expect(allowed.body.tools).toEqual(whole.body.tools);
    expect(allowed.body.withheld_tools).toEqual([]);
    const bad = await owner.get<{ message: string[] }>('/api/v1/tools', { query: { pinned: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toContain('pinned must be true or false');
  });

  it('lists the whole catalog without filters, and refuses filters that do not exist', async () => {
    const all = await owner.get<ToolPreview>('/api/v1/tools');
    expect(all.body.tools).toHaveLength(all.body.catalog_count);
    const bad = await owner.get<{ message: string[] }>('/api/v1/tools', { query: { methods: 'read,bogus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toContain('methods may hold only');
  });
});

describe('GET /api/v1/stats/overview', () => {
  const DAY = 86_400_000;
  const insertCall = (at: Date, tool: string | null, outcome: string) =>
    api.query(
      `INSERT INTO audit_events (id, organization_id, seq, at, actor, action, tool, outcome, issue_codes, prev_hash, hash)
       VALUES ($1, $2, -(floor(random() * 1e12))::bigint, $3, 'mcp:x', 'tools/call', $4, $5, '[]', 'x', 'x')`,
      [randomUUID(), organizationId, at, tool, outcome],
    );

  it('counts tool calls per day and tool group, with denied and error rates and servers by state', async () => {
    const now = new Date();
    const threeDaysAgo = new Date(now.getTime() - 3 * DAY);
    await Promise.all([
      insertCall(now, 'task_get', 'ok'),
      insertCall(now, 'task_search', 'ok'),
      insertCall(now, 'comment_list', 'denied'),
      insertCall(threeDaysAgo, 'task_update', 'error'),
      insertCall(new Date(now.getTime() - 30 * DAY), 'task_get', 'ok'),
    ]);
    const server = (body: Record<string, unknown>) =>
      owner.post<{ id: string }>(`/api/v1/connections/${connectionId}/mcp-servers`, {
        name: 'S',
        workspace_id: sandbox.acme.id,
        ...body,
      });
    await server({});
    await server({ expires_at: new Date(now.getTime() + 2 * DAY).toISOString() });
    const revoked = await server({});
    await owner.delete(`/api/v1/mcp-servers/${revoked.body.id}`);

    const res = await owner.get<Overview>('/api/v1/stats/overview', { query: { days: '7' } });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    const today = res.body.days[6];
    expect(today.date).toBe(now.toISOString().slice(0, 10));
    expect(today.by_group).toEqual({ tasks: 2, comments: 1 });
    expect(today.denied).toBe(1);
    expect(res.body.days[3]).toMatchObject({ calls: 1, error: 1, by_group: { tasks: 1 } });
    expect(res.body.totals).toMatchObject({
      calls: 4,
      denied: 1,
      error: 1,
      denied_rate: 0.25,
      error_rate: 0.25,
    });
    expect(res.body.groups).toEqual(['tasks', 'comments']);
    expect(res.body.servers).toEqual({ active: 1, expiring_soon: 1, expired: 0, revoked: 1 });
    expect(res.body.queue).toEqual(expect.objectContaining({ waiting: expect.any(Number) }));
  });

  it('is for owners, admins and auditors', async () => {
    expect((await (await userWithRole('auditor')).get('/api/v1/stats/overview')).status).toBe(200);
    expect((await (await userWithRole('member')).get('/api/v1/stats/overview')).status).toBe(403);
  });
});

describe('GET /api/v1/connections/{id}/workspaces/{workspaceId}/spaces', () => {
  it("lists the workspace's spaces by name, live from ClickUp", async () => {
    const res = await owner.get<{ id: string; name: string; archived: boolean }[]>(
      `/api/v1/connections/${connectionId}/workspaces/${sandbox.acme.id}/spaces`,
    );
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Engineering', 'Marketing', 'Customer Success']),
    );
    expect(res.body.map((s) => s.id).sort()).toEqual([...sandbox.acme.spaceIds].sort());
  });

  it('answers 404 for a workspace the connection does not reach, and refuses auditors', async () => {
    const other = await owner.get(`/api/v1/connections/${connectionId}/workspaces/999/spaces`);
    expect(other.status).toBe(404);
    const auditor = await userWithRole('auditor');
    const refused = await auditor.get(
      `/api/v1/connections/${connectionId}/workspaces/${sandbox.acme.id}/spaces`,
    );
    expect(refused.status).toBe(403);
  });
});
