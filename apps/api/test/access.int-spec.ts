import { OrganizationEntity, UserEntity } from '@gw/db';
import { hashPassword } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@gw/testing';
import { API_TOKEN_CACHE_MS } from '../src/auth/principal.resolver';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Created {
  id: string;
}
interface CreatedUser extends Created {
  email: string;
  password?: string;
}
interface Token extends Created {
  token: string;
  role: string;
  created_by_user_id: string | null;
  state: string;
}
const PASSWORD = 'a-long-enough-password-42';

let sandbox: Sandbox;
let api: ApiUnderTest;
const as: Record<'owner' | 'admin' | 'auditor' | 'member' | 'otherMember' | 'stranger', ApiClient> =
  {} as never;
const ids = {
  users: {} as Record<string, string>,
  connection: '',
  teamA: '',
  teamB: '',
  serverA: '',
  serverB: '',
  serverNoTeam: '',
};

async function addOrganizationWithOwner(email: string): Promise<void> {
  const organizationId = randomUUID();
  await api.runtime.dataSource
    .getRepository(OrganizationEntity)
    .insert({ id: organizationId, name: 'Globex' });
  await api.runtime.dataSource.getRepository(UserEntity).insert({
    id: randomUUID(),
    organizationId,
    email,
    name: 'Other owner',
    role: 'owner',
    passwordHash: await hashPassword(PASSWORD),
    disabledAt: null,
  });
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
    const res = await as.owner.post<CreatedUser>('/api/v1/users', {
      email,
      name: key,
      role,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    ids.users[key] = res.body.id;
    as[key] = await api.signIn(email, PASSWORD);
  }
  await addOrganizationWithOwner('stranger@globex.example');
  as.stranger = await api.signIn('stranger@globex.example', PASSWORD);

  ids.teamA = (await as.owner.post<Created>('/api/v1/teams', { name: 'Team A' })).body.id;
  ids.teamB = (await as.owner.post<Created>('/api/v1/teams', { name: 'Team B' })).body.id;
  await as.owner.post(`/api/v1/teams/${ids.teamA}/members`, { user_id: ids.users['member'] });
  await as.owner.post(`/api/v1/teams/${ids.teamB}/members`, { user_id: ids.users['otherMember'] });

  ids.connection = (
    await as.owner.post<Created>('/api/v1/connections', {
      name: 'Acme',
      type: 'personal_token',
      token: OWNER_TOKEN,
    })
  ).body.id;
  const server = async (name: string, teamId?: string) =>
    (
      await as.owner.post<Created>(`/api/v1/connections/${ids.connection}/mcp-servers`, {
        name,
        workspace_id: sandbox.acme.id,
        ...(teamId ? { team_id: teamId } : {}),
      })
    ).body.id;
  ids.serverA = await server('A', ids.teamA);
  ids.serverB = await server('B', ids.teamB);
  ids.serverNoTeam = await server('No team');
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

const newServer = (client: ApiClient, body: Record<string, unknown> = {}) =>
  client.post<Created & { token: string }>(`/api/v1/connections/${ids.connection}/mcp-servers`, {
    name: 'New',
    workspace_id: sandbox.acme.id,
    ...body,
  });
const serverIds = async (client: ApiClient) =>
  (await client.get<Created[]>('/api/v1/mcp-servers')).body.map((s) => s.id);

describe('owner and admin', () => {
  it('manage everything of their organization', async () => {
    for (const client of [as.owner, as.admin]) {
      expect(await serverIds(client)).toEqual(
        expect.arrayContaining([ids.serverA, ids.serverB, ids.serverNoTeam]),
      );
      const created = await newServer(client, { team_id: ids.teamB });
      expect(created.status).toBe(201);
      expect((await client.patch(`/api/v1/mcp-servers/${created.body.id}`, { team_id: null })).status).toBe(
        200,
      );
      expect((await client.post(`/api/v1/mcp-servers/${created.body.id}/rotate`)).status).toBe(200);
      expect((await client.delete(`/api/v1/mcp-servers/${created.body.id}`)).status).toBe(204);
      expect((await client.get('/api/v1/users')).status).toBe(200);
    }
    const team = await as.admin.post<Created>('/api/v1/teams', { name: 'Admins made this' });
    expect(team.status).toBe(201);
    expect((await as.admin.post('/api/v1/teams', { name: 'Admins made this' })).status).toBe(409);
  });

  it('cannot hand out a role above their own', async () => {
    const owner = await as.admin.post('/api/v1/users', { email: 'x@example.com', name: 'x', role: 'owner' });
    expect(owner.status).toBe(403);
    const token = await as.admin.post('/api/v1/api-tokens', { name: 'too much', role: 'owner' });
    expect(token.status).toBe(403);
    const fine = await as.admin.post<Token>('/api/v1/api-tokens', { name: 'ci', role: 'auditor' });
    expect(fine.status).toBe(201);
    expect(fine.body).toMatchObject({
      role: 'auditor',
      state: 'active',
      created_by_user_id: ids.users['admin'],
    });
  });

  it('create users with a generated password shown once, and refuse a taken email', async () => {
    const res = await as.owner.post<CreatedUser>('/api/v1/users', {
      email: 'Generated@Example.com',
      name: 'Generated',
      role: 'member',
    });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe('generated@example.com');
    expect(res.body.password).toEqual(expect.any(String));
    const signedIn = await api.signIn('generated@example.com', res.body.password as string);
    expect((await signedIn.get('/api/v1/auth/me')).status).toBe(200);
    const listed = await as.owner.get<CreatedUser[]>('/api/v1/users');
    expect(listed.text).not.toContain(res.body.password as string);
    expect(listed.text).not.toContain('password');
    const [row] = await api.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [res.body.id],
    );
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(
      (await as.owner.post('/api/v1/users', { email: 'generated@example.com', name: 'x', role: 'member' }))
        .status,
    ).toBe(409);
    expect((await as.owner.post('/api/v1/users', { email: 'bad', name: 'x', role: 'member' })).status).toBe(
      400,
    );
    expect(
      (await as.owner.post('/api/v1/users', { email: 'y@example.com', name: 'x', role: 'god' })).status,
    ).toBe(400);
  });
});

describe('auditor', () => {
  it('reads servers, connections, users, teams and tokens', async () => {
    expect(await serverIds(as.auditor)).toEqual(
      expect.arrayContaining([ids.serverA, ids.serverB, ids.serverNoTeam]),
    );
    expect((await as.auditor.get(`/api/v1/mcp-servers/${ids.serverB}`)).status).toBe(200);
    expect((await as.auditor.get(`/api/v1/connections/${ids.connection}`)).status).toBe(200);
    expect((await as.auditor.get('/api/v1/users')).status).toBe(200);
    expect((await as.auditor.get<Created[]>('/api/v1/teams')).body.map((t) => t.id)).toEqual(
      expect.arrayContaining([ids.teamA, ids.teamB]),
    );
    expect((await as.auditor.get(`/api/v1/teams/${ids.teamA}`)).status).toBe(200);
    expect((await as.auditor.get('/api/v1/api-tokens')).status).toBe(200);
  });

  it('changes nothing: 403', async () => {
    const attempts = [
      as.auditor.post('/api/v1/connections', { name: 'x', type: 'personal_token', token: OWNER_TOKEN }),
      as.auditor.delete(`/api/v1/connections/${ids.connection}`),
      as.auditor.get(`/api/v1/connections/${ids.connection}`, { query: { refresh: 'true' } }),
      as.auditor.get('/api/v1/connections/oauth/start', { query: { name: 'x' } }),
      newServer(as.auditor),
      as.auditor.patch(`/api/v1/mcp-servers/${ids.serverA}`, { name: 'x' }),
      as.auditor.delete(`/api/v1/mcp-servers/${ids.serverA}`),
      as.auditor.post(`/api/v1/mcp-servers/${ids.serverA}/rotate`),
      as.auditor.post('/api/v1/users', { email: 'z@example.com', name: 'z', role: 'auditor' }),
      as.auditor.post('/api/v1/teams', { name: 'Auditors' }),
      as.auditor.post(`/api/v1/teams/${ids.teamA}/members`, { user_id: ids.users['auditor'] }),
      as.auditor.delete(`/api/v1/teams/${ids.teamA}/members/${ids.users['member']}`),
      as.auditor.post('/api/v1/api-tokens', { name: 'mine' }),
    ];
    expect((await Promise.all(attempts)).map((r) => r.status)).toEqual(attempts.map(() => 403));
  });
});

describe('member', () => {
  it('sees only its teams’ servers; others are 404', async () => {
    expect(await serverIds(as.member)).toEqual([ids.serverA]);
    expect(await serverIds(as.otherMember)).toEqual([ids.serverB]);
    for (const id of [ids.serverB, ids.serverNoTeam]) {
      expect((await as.member.get(`/api/v1/mcp-servers/${id}`)).status).toBe(404);
      expect((await as.member.patch(`/api/v1/mcp-servers/${id}`, { name: 'mine now' })).status).toBe(404);
      expect((await as.member.post(`/api/v1/mcp-servers/${id}/rotate`)).status).toBe(404);
      expect((await as.member.delete(`/api/v1/mcp-servers/${id}`)).status).toBe(404);
    }
    expect((await as.member.get(`/api/v1/mcp-servers/${ids.serverA}`)).status).toBe(200);
    expect((await as.member.get('/api/v1/mcp-servers', { query: { team_id: ids.teamB } })).body).toEqual([]);
  });

  it('creates and manages servers of its own teams only', async () => {
    await as.owner.put(`/api/v1/connections/${ids.connection}/teams`, { team_ids: [ids.teamA, ids.teamB] });
    const readOnly = { config: { methods: ['read'] } };
    expect((await newServer(as.member, readOnly)).status).toBe(403);
    expect((await newServer(as.member, { ...readOnly, team_id: ids.teamB })).status).toBe(403);
    const mine = await newServer(as.member, { ...readOnly, team_id: ids.teamA });
    expect(mine.status).toBe(201);
    const id = mine.body.id;
    expect(
      (await as.member.patch(`/api/v1/mcp-servers/${id}`, { name: 'Renamed', config: { methods: ['read'] } }))
        .status,
    ).toBe(200);
    expect((await as.member.patch(`/api/v1/mcp-servers/${id}`, { team_id: ids.teamB })).status).toBe(403);
    expect((await as.member.patch(`/api/v1/mcp-servers/${id}`, { team_id: null })).status).toBe(403);
    expect((await as.member.post(`/api/v1/mcp-servers/${id}/rotate`)).status).toBe(200);
    expect((await as.member.delete(`/api/v1/mcp-servers/${id}`)).status).toBe(204);
  });

  it('cannot let a space-pinned server reach workspace-level objects; keeps or drops what an admin allowed', async () => {
    type WithConfig = Created & { config: { allow_workspace_objects: boolean } };
    const pinned = { team_id: ids.teamA, space_ids: [sandbox.acme.spaceIds[0]] };
    const before = await api.query('SELECT id FROM mcp_servers');
    const refused = await newServer(as.member, {
      ...pinned,
      config: { methods: ['read'], allow_workspace_objects: true },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('allow_workspace_objects');
    expect(await api.query('SELECT id FROM mcp_servers')).toHaveLength(before.length);

    // Within the team's default policy (read-only servers), so only the flag is in question.
    const mine = await newServer(as.member, { ...pinned, config: { methods: ['read'] } });
    expect((mine.body as unknown as WithConfig).config.allow_workspace_objects).toBe(false);
    const id = mine.body.id;
    const allow = { config: { allow_workspace_objects: true } };
    expect((await as.member.patch(`/api/v1/mcp-servers/${id}`, allow)).status).toBe(403);
    expect(
      (await as.member.get<WithConfig>(`/api/v1/mcp-servers/${id}`)).body.config.allow_workspace_objects,
    ).toBe(false);

    const allowed = await as.admin.patch<WithConfig>(`/api/v1/mcp-servers/${id}`, allow);
    expect(allowed.status).toBe(200);
    expect(allowed.body.config.allow_workspace_objects).toBe(true);
    const renamed = await as.member.patch<WithConfig>(`/api/v1/mcp-servers/${id}`, {
      name: 'Kept',
      ...allow,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.config.allow_workspace_objects).toBe(true);
    const dropped = await as.member.patch<WithConfig>(`/api/v1/mcp-servers/${id}`, {
      config: { allow_workspace_objects: false },
    });
    expect(dropped.body.config.allow_workspace_objects).toBe(false);
    expect((await as.member.patch(`/api/v1/mcp-servers/${id}`, allow)).status).toBe(403);
    expect((await as.member.delete(`/api/v1/mcp-servers/${id}`)).status).toBe(204);
  });

  it('reads connections but manages neither connections, users nor teams', async () => {
    expect((await as.member.get('/api/v1/connections')).status).toBe(200);
    expect(
      (await as.member.post('/api/v1/connections', { name: 'x', type: 'personal_token', token: OWNER_TOKEN }))
        .status,
    ).toBe(403);
    expect((await as.member.delete(`/api/v1/connections/${ids.connection}`)).status).toBe(403);
    expect((await as.member.get('/api/v1/users')).status).toBe(403);
    expect(
      (await as.member.post('/api/v1/users', { email: 'q@example.com', name: 'q', role: 'member' })).status,
    ).toBe(403);
    expect((await as.member.post('/api/v1/teams', { name: 'Mine' })).status).toBe(403);
    expect((await as.member.get<Created[]>('/api/v1/teams')).body.map((t) => t.id)).toEqual([ids.teamA]);
    expect((await as.member.get(`/api/v1/teams/${ids.teamB}`)).status).toBe(404);
    const teamA = await as.member.get<{ members: { id: string }[] }>(`/api/v1/teams/${ids.teamA}`);
    expect(teamA.body.members.map((m) => m.id)).toEqual([ids.users['member']]);
  });

  it('manages its own API tokens only, and never above its role', async () => {
    const ownersToken = await as.owner.post<Token>('/api/v1/api-tokens', { name: 'owner automation' });
    expect((await as.member.post('/api/v1/api-tokens', { name: 'x', role: 'auditor' })).status).toBe(403);
    const mine = await as.member.post<Token>('/api/v1/api-tokens', { name: 'my laptop' });
    expect(mine.status).toBe(201);
    expect(mine.body.role).toBe('member');
    expect(mine.body.token).toMatch(/^cgw_[A-Za-z0-9_-]{43}$/);
    expect((await as.member.get<Token[]>('/api/v1/api-tokens')).body.map((t) => t.id)).toEqual([
      mine.body.id,
    ]);
    expect((await as.member.delete(`/api/v1/api-tokens/${ownersToken.body.id}`)).status).toBe(404);

    // The member's token acts as the member.
    const bearer = as.member.as({ kind: 'bearer', token: mine.body.token });
    const visible = await serverIds(bearer);
    expect(visible).toContain(ids.serverA);
    expect(visible).not.toEqual(expect.arrayContaining([ids.serverB]));
    expect(visible).not.toContain(ids.serverNoTeam);
    expect((await as.member.delete(`/api/v1/api-tokens/${mine.body.id}`)).status).toBe(204);
    expect((await bearer.get('/api/v1/mcp-servers')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, listed without the secret and revocable', async () => {
    const created = await as.owner.post<Token>('/api/v1/api-tokens', {
      name: 'provisioning',
      role: 'admin',
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const [row] = await api.query('SELECT * FROM api_tokens WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(row)).not.toContain(created.body.token);
    const listed = await as.owner.get<Token[]>('/api/v1/api-tokens');
    expect(listed.text).not.toContain(created.body.token);
    expect(listed.body.find((t) => t.id === created.body.id)).toMatchObject({
      role: 'admin',
      state: 'active',
    });

    const bearer = as.owner.as({ kind: 'bearer', token: created.body.token });
    expect((await bearer.post('/api/v1/teams', { name: 'Made by token' })).status).toBe(201);
    expect((await as.owner.delete(`/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await bearer.get('/api/v1/teams')).status).toBe(401);
    expect(
      (await as.owner.get<Token[]>('/api/v1/api-tokens')).body.find((t) => t.id === created.body.id)?.state,
    ).toBe('revoked');
    const past = await as.owner.post('/api/v1/api-tokens', { name: 'x', expires_at: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
  });
});

describe('teams', () => {
  it('add members idempotently, of the same organization only, and remove them', async () => {
    const team = (await as.owner.post<Created>('/api/v1/teams', { name: 'Rotating' })).body.id;
    const add = () =>
      as.owner.post<{ members: { id: string }[] }>(`/api/v1/teams/${team}/members`, {
        user_id: ids.users['auditor'],
      });
    expect((await add()).status).toBe(201);
    const again = await add();
    expect(again.body.members.map((m) => m.id)).toEqual([ids.users['auditor']]);
    const [stranger] = await api.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'stranger@globex.example'`,
    );
    expect((await as.owner.post(`/api/v1/teams/${team}/members`, { user_id: stranger.id })).status).toBe(404);
    expect((await as.owner.delete(`/api/v1/teams/${team}/members/${ids.users['auditor']}`)).status).toBe(204);
    expect((await as.owner.delete(`/api/v1/teams/${team}/members/${ids.users['auditor']}`)).status).toBe(404);
  });
});

describe('another organization', () => {
  it('sees none of it: every id is a 404 and every list is empty', async () => {
    const s = as.stranger;
    expect((await s.get(`/api/v1/connections/${ids.connection}`)).status).toBe(404);
    expect((await s.delete(`/api/v1/connections/${ids.connection}`)).status).toBe(404);
    expect((await newServer(s)).status).toBe(404);
    expect((await s.get(`/api/v1/mcp-servers/${ids.serverA}`)).status).toBe(404);
    expect((await s.patch(`/api/v1/mcp-servers/${ids.serverA}`, { name: 'x' })).status).toBe(404);
    expect((await s.post(`/api/v1/mcp-servers/${ids.serverA}/rotate`)).status).toBe(404);
    expect((await s.delete(`/api/v1/mcp-servers/${ids.serverA}`)).status).toBe(404);
    expect((await s.get(`/api/v1/teams/${ids.teamA}`)).status).toBe(404);
    expect(
      (await s.post(`/api/v1/teams/${ids.teamA}/members`, { user_id: ids.users['member'] })).status,
    ).toBe(404);
    expect((await s.get<unknown[]>('/api/v1/mcp-servers')).body).toEqual([]);
    expect((await s.get<unknown[]>('/api/v1/connections')).body).toEqual([]);
    expect((await s.get<unknown[]>('/api/v1/teams')).body).toEqual([]);
    expect((await s.get<{ email: string }[]>('/api/v1/users')).body.map((u) => u.email)).toEqual([
      'stranger@globex.example',
    ]);
    // Its own team cannot take the other organization's server.
    const ownTeam = (await s.post<Created>('/api/v1/teams', { name: 'Team A' })).body.id;
    expect((await as.owner.patch(`/api/v1/mcp-servers/${ids.serverA}`, { team_id: ownTeam })).status).toBe(
      400,
    );
    expect(
      (await as.owner.post(`/api/v1/teams/${ownTeam}/members`, { user_id: ids.users['member'] })).status,
    ).toBe(404);
  });
});

describe('authentication', () => {
  it('needs the CSRF token for cookie-authenticated changes, and a principal for everything', async () => {
    const noCsrf = await as.owner.post('/api/v1/teams', { name: 'CSRF' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    const wrong = await as.owner.delete(`/api/v1/mcp-servers/${ids.serverNoTeam}`, { csrf: 'forged' });
    expect(wrong.status).toBe(403);
    expect((await as.owner.get(`/api/v1/mcp-servers/${ids.serverNoTeam}`)).body).toMatchObject({
      state: 'active',
    });
    for (const path of [
      '/api/v1/connections',
      '/api/v1/mcp-servers',
      '/api/v1/users',
      '/api/v1/teams',
      '/api/v1/api-tokens',
    ]) {
      const res = await api.anonymous.get<{ statusCode: number; correlation_id: string }>(path);
      expect(res.status).toBe(401);
      expect(res.body.correlation_id).toEqual(expect.any(String));
    }
  });
  it('are looked up once per moment, write last_used_at once a minute, and lose access soon after another process revokes them', async () => {
    const created = await as.owner.post<Token>('/api/v1/api-tokens', { name: 'busy agent', role: 'admin' });
    const bearer = as.owner.as({ kind: 'bearer', token: created.body.token });
    const lastUsed = async () =>
      (
        (await api.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [created.body.id]))[0] as {
          last_used_at: Date | null;
        }
      ).last_used_at;

    expect((await bearer.get('/api/v1/teams')).status).toBe(200);
    // The write is not awaited by the request: wait for a value, not for the query (null is a value to waitFor).
    const first = await waitFor(async () => (await lastUsed()) ?? undefined, {
      what: 'last_used_at to be written',
    });
    for (let i = 0; i < 5; i++) expect((await bearer.get('/api/v1/teams')).status).toBe(200);
    expect(await lastUsed()).toEqual(first);

    // As another api process would: straight in the database, with no word to this one.
    await api.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [created.body.id]);
    await new Promise((r) => setTimeout(r, API_TOKEN_CACHE_MS + 50));
    expect((await bearer.get('/api/v1/teams')).status).toBe(401);
  });
});
