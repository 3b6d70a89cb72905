import { request } from 'node:http';
import { startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

describe('authentication', () => {
  it('answers 401 OAUTH_017 without an Authorization header', async () => {
    const res = await run.api.get('/api/v2/user', { token: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ err: 'Authorization header required', ECODE: 'OAUTH_017' });
  });

  it('answers 401 OAUTH_025 for an unknown token', async () => {
    for (const token of ['pk_12345_NOPE', 'Bearer nope', 'pk_sandbox_', 'garbage']) {
      const res = await run.api.get('/api/v2/user', { token });
      expect({ token, status: res.status, body: res.body }).toEqual({
        token,
        status: 401,
        body: { err: 'Token invalid', ECODE: 'OAUTH_025' },
      });
    }
  });

  it('takes personal tokens raw, never with Bearer', async () => {
    expect((await run.api.get('/api/v2/user', { token: 'pk_sandbox_owner' })).status).toBe(200);
    expect((await run.api.get('/api/v2/user', { token: 'Bearer pk_sandbox_owner' })).body).toEqual({
      err: 'Token invalid',
      ECODE: 'OAUTH_025',
    });
  });

  it('makes any other pk_sandbox_<name> a new member of Acme on first use', async () => {
    const me = await run.api
      .as('pk_sandbox_new_hire')
      .get<{ user: { id: number; username: string } }>('/api/v2/user');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('New Hire');
    const teams = await run.api
      .as('pk_sandbox_new_hire')
      .get<{ teams: { id: string; name: string }[] }>('/api/v2/team');
    expect(teams.body.teams.map((t) => t.name)).toEqual(['Acme Corp']);
    const again = await run.api.as('pk_sandbox_new_hire').get<{ user: { id: number } }>('/api/v2/user');
    expect(again.body.user.id).toBe(me.body.user.id);
    const acme = await run.api.get<{ teams: { members: { user: { id: number } }[] }[] }>('/api/v2/team');
    expect(acme.body.teams[0].members.map((m) => m.user.id)).toContain(me.body.user.id);
  });
});

describe('workspace isolation', () => {
  it('shows each user only their workspaces', async () => {
    const owner = await run.api.get<{ teams: { name: string }[] }>('/api/v2/team');
    const guest = await run.api.as('pk_sandbox_guest').get<{ teams: { name: string }[] }>('/api/v2/team');
    expect(owner.body.teams.map((t) => t.name)).toEqual(['Acme Corp']);
    expect(guest.body.teams.map((t) => t.name)).toEqual(['Globex']);
  });

  it('answers 401 OAUTH_027 when the guest touches any Acme id, and the same for ids that do not exist', async () => {
    const { seed } = run;
    const guest = run.api.as('pk_sandbox_guest');
    const login = seed.tasks['Refactor Login Component'];
    const goals = await run.api.get<{ goals: { id: string }[] }>(`/api/v2/team/${seed.acme}/goal`);
    const probes: [string, string][] = [
      ['GET', `/api/v2/team/${seed.acme}/space`],
      ['GET', `/api/v2/team/${seed.acme}/task`],
      ['GET', `/api/v2/space/${seed.spaces['Engineering']}`],
      ['GET', `/api/v2/folder/${seed.folders['Product Engineering']}`],
      ['GET', `/api/v2/list/${seed.lists['Sprint 42']}`],
      ['GET', `/api/v2/list/${seed.lists['Sprint 42']}/task`],
      ['GET', `/api/v2/task/${login.id}`],
      ['PUT', `/api/v2/task/${login.id}`],
      ['DELETE', `/api/v2/task/${login.id}`],
      ['GET', `/api/v2/task/${login.id}/comment`],
      ['GET', `/api/v2/goal/${goals.body.goals[0].id}`],
      ['GET', `/api/v2/team/${seed.acme}/time_entries`],
      ['GET', '/api/v2/task/doesnotexist'],
      ['GET', '/api/v2/list/123456'],
      ['GET', '/api/v2/team/1/space'],
    ];
    for (const [method, path] of probes) {
      const res = await guest.call(method, path, { body: method === 'PUT' ? { name: 'hijack' } : undefined });
      expect({ method, path, status: res.status, body: res.body }).toEqual({
        method,
        path,
        status: 401,
        body: { err: 'Team not authorized', ECODE: 'OAUTH_027' },
      });
    }
    expect((await run.api.get<{ name: string }>(`/api/v2/task/${login.id}`)).body.name).toBe(
      'Refactor Login Component',
    );
  });

  it('keeps Globex ids away from Acme members, custom ids included', async () => {
    const { seed } = run;
    const globexTask = seed.tasks['Plan Q4 capacity'];
    expect((await run.api.get(`/api/v2/task/${globexTask.id}`)).status).toBe(401);
    expect((await run.api.get(`/api/v2/list/${seed.lists['Globex Roadmap']}`)).status).toBe(401);
    const byCustomId = await run.api
      .as('pk_sandbox_guest')
      .get('/api/v2/task/ENG-1', { query: { custom_task_ids: true, team_id: seed.acme } });
    expect(byCustomId.status).toBe(401);
  });

  it('answers v3 errors in the v3 shape', async () => {
    const { seed } = run;
    const foreign = await run.api.as('pk_sandbox_guest').get(`/api/v3/workspaces/${seed.acme}/docs`);
    expect(foreign.status).toBe(401);
    expect(foreign.body).toEqual({
      status: 401,
      message: 'Team not authorized',
      trace_id: expect.any(Number),
      timestamp: expect.any(Number),
    });
    const missing = await run.api.get(`/api/v3/workspaces/${seed.acme}/docs/8cnope-1`);
    expect(missing.status).toBe(404);
    expect(Object.keys(missing.body).sort()).toEqual(['message', 'status', 'timestamp', 'trace_id']);
    const noAuth = await run.api.get(`/api/v3/workspaces/${seed.acme}/docs`, { token: null });
    expect(noAuth.body).toMatchObject({ status: 401, message: 'Authorization header required' });
  });
});

describe('unknown routes', () => {
  it('answer 404 with an HTML body, for unknown paths and wrong methods alike', async () => {
    const { seed } = run;
    for (const [method, path] of [
      ['GET', '/api/v2/nope'],
      ['PUT', `/api/v2/team/${seed.acme}`],
      ['PATCH', `/api/v2/task/${seed.tasks['Refactor Login Component'].id}`],
      ['GET', '/api/v4/anything'],
      ['GET', '/'],
    ]) {
      const res = await run.api.call(method, path);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.text).toContain(`Cannot ${method} ${path}`);
    }
  });

  it('escapes the reflected path', async () => {
    // fetch would percent-encode the path; a raw request sends the characters as they are.
    const text = await new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(run.base);
      const req = request(
        {
          hostname,
          port,
          path: '/api/v2/<script>alert(1)</script>',
          headers: { authorization: 'pk_sandbox_owner' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
