import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { Sandbox } from './support/sandbox';

/** Bodies the REST API used to answer with a 5xx (found by test/security/fuzz-rest): now a clear 400. */
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

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('REST write routes with a deeply nested JSON body', () => {
  it.each([
    ['POST', '/api/v1/teams', `{"name":"Deep","extra":${deep(5000)}}`],
    ['PATCH', '/api/v1/settings', `{"audit_retention_days":${'['.repeat(5000)}1${']'.repeat(5000)}}`],
    ['POST', '/api/v1/api-tokens', deep(20_000)],
  ])('%s %s answers 400 in the error shape, naming the limit', async (method, path, body) => {
    const answer = await fetch(new URL(path, api.baseUrl), {
      method,
      headers: { ...authHeaders(owner), 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The JSON body nests deeper than 32 levels',
      correlation_id: expect.any(String),
    });
  });

  it('still takes a body nested as deep as the DTOs go', async () => {
    const res = await owner.post<{ name: string }>('/api/v1/teams', { name: 'Shallow' });
    expect(res.status).toBe(201);
  });
});

describe('values the DTOs let through to a failure further down', () => {
  it('refuses a null audit retention with 400 rather than failing on the NOT NULL column', async () => {
    const res = await owner.patch<{ message: string[] }>('/api/v1/settings', { audit_retention_days: null });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('audit_retention_days must be an integer number');
    expect(
      (await owner.get<{ audit_retention_days: number }>('/api/v1/settings')).body.audit_retention_days,
    ).toEqual(expect.any(Number));
  });

  it('refuses null single sign-on settings with 400 rather than failing on them', async () => {
    for (const field of ['scopes', 'groups_claim', 'issuer_url', 'client_id', 'client_secret']) {
      const res = await owner.put<{ message: string[] }>('/api/v1/settings/sso', { [field]: null });
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    }
  });

  it('refuses a team_id that is not a UUID with 400, the audit row of the refusal included', async () => {
    const res = await owner.post<{ message: string[] }>(
      '/api/v1/connections/00000000-0000-4000-8000-000000000000/mcp-servers',
      { name: 'Server', workspace_id: sandbox.acme.id, team_id: '90120000001' },
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^team_id /)]));
    const [row] = await api.query<{ outcome: string; team_id: string | null }>(
      `SELECT outcome, team_id FROM audit_events ORDER BY at DESC, seq DESC LIMIT 1`,
    );
    expect(row).toEqual({ outcome: 'error', team_id: null });
  });

  it('refuses text with an unpaired UTF-16 surrogate with 400 rather than a validator crash', async () => {
    const res = await owner.post<{ message: string }>('/api/v1/users', {
      email: '\ud800@example.com',
      name: 'Surrogate',
      role: 'member',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The JSON body holds text with an unpaired UTF-16 surrogate');
  });

  it('refuses text with a NUL character with 400 rather than a database error', async () => {
    const res = await owner.post<{ message: string }>('/api/v1/teams', { name: 'Nul\u0000team' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'The JSON body holds text with a NUL character (\\u0000), which cannot be stored',
    );
    const teams = await owner.get<{ name: string }[]>('/api/v1/teams');
    expect(teams.body.map((t) => t.name)).not.toContain('Nul\u0000team');
  });

  it('refuses a personal token that cannot travel in an HTTP header with 400 rather than 502', async () => {
    const res = await owner.post<{ message: string[] }>('/api/v1/connections', {
      name: 'Unicode token',
      type: 'personal_token',
      token: 'pk_令牌_token',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^token must be printable ASCII/)]);
  });
});

function authHeaders(client: ApiClient): Record<string, string> {
  if (client.auth.kind !== 'session') throw new Error('expected a signed-in session');
  return { cookie: client.auth.cookie, 'x-csrf-token': client.auth.csrf };
}
