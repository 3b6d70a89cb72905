import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Created {
  id: string;
}
interface Server extends Created {
  url: string;
  config: { methods: string[]; tags: string[]; require_api_token_auth: boolean };
  expires_at: string | null;
  space_ids: string[];
  policy_violations: { field: string; message: string }[];
}
interface Connection extends Created {
  team_ids: string[];
}
interface Policy {
  is_default: boolean;
  methods: string[];
  granted_connection_ids: string[];
  usable_connection_ids: string[];
}
const PASSWORD = 'a-long-enough-password-42';
const DAY = 86_400_000;
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'policy', version: '1' } },
};

let sandbox: Sandbox;
let api: ApiUnderTest;
const as = {} as Record<'owner' | 'admin' | 'auditor' | 'member' | 'memberToken' | 'otherMember', ApiClient>;
const ids = { users: {} as Record<string, string>, support: '', sales: '', shared: '', ownersOnly: '' };

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const strictPolicy = () => ({
  connection_ids: [],
  workspace_ids: [sandbox.acme.id],
  tags: ['tasks', 'comments'],
  methods: ['read', 'create'],
  require_space_pinning: true,
  require_api_token_auth: true,
  max_expiry_days: 7,
});
/** A server the strict policy allows. */
const withinPolicy = () => ({
  name: 'Support agent',
  workspace_id: sandbox.acme.id,
  space_ids: [sandbox.acme.spaceIds[0]],
  team_id: ids.support,
  config: { methods: ['read'], tags: ['tasks'], require_api_token_auth: true },
  expires_at: inDays(3),
});
const createOn = (client: ApiClient, connectionId: string, body: Record<string, unknown>) =>
  client.post<Server>(`/api/v1/connections/${connectionId}/mcp-servers`, body);

/** Audit rows of refused changes by an actor, by action. */
async function deniedRows(actorUserId: string): Promise<number> {
  const [row] = await api.query<{ count: number }>(
    `SELECT COUNT(*)::int AS count FROM audit_events WHERE outcome = 'denied' AND actor IN (
       SELECT 'user:' || $1 UNION SELECT 'token:' || id::text FROM api_tokens WHERE created_by_user_id = $1::uuid)`,
    [actorUserId],
  );
  return row.count;
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  as.owner = await api.signIn();
  for (const [key, role] of [
    ['admin', 'admin'],
    ['auditor', 'auditor'],
    ['member', 'member'],
    ['otherMember', 'member'],
  ] as const) {
    const email = `${key.toLowerCase()}@example.com`;
    const res = await as.owner.post<Created>('/api/v1/users', { email, name: key, role, password: PASSWORD });
    ids.users[key] = res.body.id;
    as[key] = await api.signIn(email, PASSWORD);
  }
  const token = await as.member.post<{ token: string }>('/api/v1/api-tokens', { name: 'laptop' });
  as.memberToken = as.member.as({ kind: 'bearer', token: token.body.token });

  ids.support = (await as.owner.post<Created>('/api/v1/teams', { name: 'Support' })).body.id;
  ids.sales = (await as.owner.post<Created>('/api/v1/teams', { name: 'Sales' })).body.id;
  await as.owner.post(`/api/v1/teams/${ids.support}/members`, { user_id: ids.users['member'] });
  await as.owner.post(`/api/v1/teams/${ids.sales}/members`, { user_id: ids.users['otherMember'] });
  const connect = async (name: string) =>
    (
      await as.owner.post<Created>('/api/v1/connections', {
        name,
        type: 'personal_token',
        token: OWNER_TOKEN,
      })
    ).body.id;
  ids.shared = await connect('Shared');
  ids.ownersOnly = await connect('Owner admin token');
  const granted = await as.admin.put<Connection>(`/api/v1/connections/${ids.shared}/teams`, {
    team_ids: [ids.support],
  });
  expect(granted.status).toBe(200);
  expect(granted.body.team_ids).toEqual([ids.support]);
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

describe('connection access', () => {
  it('shows a member only the connections granted to its teams', async () => {
    const listed = await as.member.get<Connection[]>('/api/v1/connections');
    expect(listed.body.map((c) => c.id)).toEqual([ids.shared]);
    expect((await as.otherMember.get<Connection[]>('/api/v1/connections')).body).toEqual([]);
    expect((await as.member.get(`/api/v1/connections/${ids.ownersOnly}`)).status).toBe(404);
    const spaces = `/api/v1/connections/${ids.ownersOnly}/workspaces/${sandbox.acme.id}/spaces`;
    expect((await as.member.get(spaces)).status).toBe(404);
    const all = await as.admin.get<Connection[]>('/api/v1/connections');
    expect(all.body.map((c) => [c.id, c.team_ids])).toEqual([
      [ids.shared, [ids.support]],
      [ids.ownersOnly, []],
    ]);
  });

  it('lets only owners and admins grant a connection, to teams of the organization', async () => {
    const path = `/api/v1/connections/${ids.ownersOnly}/teams`;
    expect((await as.member.put(path, { team_ids: [ids.support] })).status).toBe(403);
    expect((await as.auditor.put(path, { team_ids: [ids.support] })).status).toBe(403);
    expect((await as.admin.put(path, { team_ids: ['6f1c0f8e-1d7e-4a53-9a43-5d1c8a2b7e10'] })).status).toBe(
      400,
    );
    expect((await as.admin.put(path, { team_ids: 'all' })).status).toBe(400);
    expect((await as.member.get(`/api/v1/connections/${ids.ownersOnly}`)).status).toBe(404);

    const rows = async (outcome: string) =>
      (
        await api.query<{ count: number }>(
          // A refusal by role is recorded before the handler runs, under the route's name.
          `SELECT COUNT(*)::int AS count FROM audit_events
           WHERE action IN ('connections.setTeams', 'http PUT /api/v1/connections/:id/teams') AND outcome = $1`,
          [outcome],
        )
      )[0].count;
    const [ok, denied] = [await rows('ok'), await rows('denied')];
    expect((await as.owner.put(path, { team_ids: [] })).status).toBe(200);
    expect((await as.member.put(path, { team_ids: [] })).status).toBe(403);
    expect([await rows('ok'), await rows('denied')]).toEqual([ok + 1, denied + 1]);
  });
});

describe('a team without a policy', () => {
  it('builds read-only servers, and only on the connections granted to it', async () => {
    const policy = await as.member.get<Policy>(`/api/v1/teams/${ids.support}/policy`);
    expect(policy.body).toMatchObject({
      is_default: true,
      methods: ['read'],
      granted_connection_ids: [ids.shared],
      usable_connection_ids: [ids.shared],
    });
    const base = { name: 'Reader', workspace_id: sandbox.acme.id, team_id: ids.support };
    const before = await deniedRows(ids.users['member']);
    expect((await createOn(as.member, ids.shared, base)).status).toBe(403);
    expect(
      (await createOn(as.member, ids.ownersOnly, { ...base, config: { methods: ['read'] } })).status,
    ).toBe(403);
    expect(await deniedRows(ids.users['member'])).toBe(before + 2);
    const reader = await createOn(as.member, ids.shared, { ...base, config: { methods: ['read'] } });
    expect(reader.status).toBe(201);
    expect(reader.body.policy_violations).toEqual([]);
  });
});

describe('a team policy', () => {
  beforeAll(async () => {
    const set = await as.admin.put<Policy>(`/api/v1/teams/${ids.support}/policy`, strictPolicy());
    expect(set.status).toBe(200);
    expect(set.body.is_default).toBe(false);
  });

  it('refuses every escalation of a member with 403 and an audit row', async () => {
    const wider: Record<string, Record<string, unknown>> = {
      'another connection': {},
      'wider methods': { config: { ...withinPolicy().config, methods: ['read', 'delete'] } },
      'all methods': { config: { ...withinPolicy().config, methods: [] } },
      'all tools': { config: { ...withinPolicy().config, tags: [] } },
      'no space pinning': { space_ids: [] },
      'no api-token auth': { config: { ...withinPolicy().config, require_api_token_auth: false } },
      'a longer expiry': { expires_at: inDays(30) },
      'no expiry': { expires_at: undefined },
      'another workspace': { workspace_id: '999999' },
    };
    for (const client of [as.member, as.memberToken]) {
      for (const [attempt, change] of Object.entries(wider)) {
        const connection = attempt === 'another connection' ? ids.ownersOnly : ids.shared;
        const before = await deniedRows(ids.users['member']);
        const res = await createOn(client, connection, { ...withinPolicy(), ...change });
        expect({ attempt, status: res.status }).toEqual({ attempt, status: 403 });
        expect(await deniedRows(ids.users['member'])).toBe(before + 1);
      }
    }
    const [row] = await api.query<{ action: string; issue_codes: string[] }>(
      `SELECT action, issue_codes FROM audit_events WHERE outcome = 'denied' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row).toEqual({ action: 'mcp_servers.create', issue_codes: ['FORBIDDEN'] });
  });

  it('refuses widening a server through PATCH, and leaves it as it was', async () => {
    const created = await createOn(as.memberToken, ids.shared, withinPolicy());
    expect(created.status).toBe(201);
    const path = `/api/v1/mcp-servers/${created.body.id}`;
    const widenings = [
      { config: { methods: ['write'] } },
      { config: { tags: [] } },
      { config: { require_api_token_auth: false } },
      { space_ids: [] },
      { expires_at: null },
      { expires_at: inDays(8) },
      { team_id: ids.sales },
    ];
    for (const change of widenings) {
      const before = await deniedRows(ids.users['member']);
      expect({ change, status: (await as.member.patch(path, change)).status }).toEqual({
        change,
        status: 403,
      });
      expect(await deniedRows(ids.users['member'])).toBe(before + 1);
    }
    const after = await as.member.get<Server>(path);
    expect(after.body).toMatchObject({
      config: withinPolicy().config,
      space_ids: withinPolicy().space_ids,
      expires_at: created.body.expires_at,
    });
    expect((await as.member.patch(path, { name: 'Renamed', config: { methods: ['create'] } })).status).toBe(
      200,
    );
  });

  it('leaves owners and admins unaffected', async () => {
    for (const client of [as.owner, as.admin]) {
      const wide = await createOn(client, ids.ownersOnly, {
        name: 'Wide',
        workspace_id: sandbox.acme.id,
        team_id: ids.support,
      });
      expect(wide.status).toBe(201);
      const patched = await client.patch<Server>(`/api/v1/mcp-servers/${wide.body.id}`, {
        config: { methods: ['write', 'custom'] },
        expires_at: null,
      });
      expect(patched.status).toBe(200);
      // Beyond what the team's members may build, and so shown.
      expect(patched.body.policy_violations.map((v) => v.field)).toEqual(
        expect.arrayContaining(['connection_id', 'methods', 'expires_at']),
      );
    }
  });

  it('flags servers a narrowed policy no longer allows; they keep working until brought back within', async () => {
    const server = await createOn(as.member, ids.shared, {
      ...withinPolicy(),
      config: { ...withinPolicy().config, methods: ['read', 'create'] },
    });
    expect(server.status).toBe(201);
    expect(server.body.policy_violations).toEqual([]);
    expect(
      (await as.admin.put(`/api/v1/teams/${ids.support}/policy`, { ...strictPolicy(), methods: ['read'] }))
        .status,
    ).toBe(200);
    const path = `/api/v1/mcp-servers/${server.body.id}`;
    const flagged = await as.member.get<Server>(path);
    expect(flagged.body.policy_violations).toEqual([
      { field: 'methods', message: 'the team’s policy allows only the methods read' },
    ]);
    const listed = await as.admin.get<Server[]>('/api/v1/mcp-servers', { query: { team_id: ids.support } });
    expect(listed.body.find((s) => s.id === server.body.id)?.policy_violations).toHaveLength(1);

    const mcp = await fetch(server.body.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${as.memberToken.auth.kind === 'bearer' ? as.memberToken.auth.token : ''}`,
      },
      body: JSON.stringify(INITIALIZE),
    });
    expect(mcp.status).toBe(200);

    expect((await as.member.patch(path, { name: 'Just a rename' })).status).toBe(403);
    const narrowed = await as.member.patch<Server>(path, { config: { methods: ['read'] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.policy_violations).toEqual([]);
    await as.admin.put(`/api/v1/teams/${ids.support}/policy`, strictPolicy());
  });

  it('is set by owners and admins only, whole and valid, with one audit row', async () => {
    const path = `/api/v1/teams/${ids.support}/policy`;
    expect((await as.member.put(path, { ...strictPolicy(), methods: [] })).status).toBe(403);
    expect((await as.auditor.put(path, strictPolicy())).status).toBe(403);
    expect((await as.otherMember.get(path)).status).toBe(404);
    const { max_expiry_days: _, ...withoutExpiry } = strictPolicy();
    for (const bad of [
      withoutExpiry,
      { ...strictPolicy(), methods: ['fly'] },
      { ...strictPolicy(), tags: ['everything'] },
      { ...strictPolicy(), max_expiry_days: 0 },
      { ...strictPolicy(), connection_ids: ['6f1c0f8e-1d7e-4a53-9a43-5d1c8a2b7e10'] },
      { ...strictPolicy(), require_space_pinning: 'yes' },
    ]) {
      const res = await as.admin.put<{ statusCode: number; correlation_id: string }>(path, bad);
      expect(res.status).toBe(400);
      expect(res.body.correlation_id).toEqual(expect.any(String));
    }
    const count = async () =>
      (
        await api.query<{ count: number }>(
          `SELECT COUNT(*)::int AS count FROM audit_events WHERE action = 'team_policies.set' AND outcome = 'ok'`,
        )
      )[0].count;
    const before = await count();
    expect((await as.admin.put(path, { ...strictPolicy(), max_expiry_days: null })).status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect((await as.member.get<Policy & { max_expiry_days: null }>(path)).body.max_expiry_days).toBeNull();
    await as.admin.put(path, strictPolicy());
  });
});
