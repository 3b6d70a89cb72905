import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox({
    oauthClients: [
      { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
      {
        clientId: 'strict-app',
        clientSecret: 'strict-secret',
        redirectUris: ['https://gateway.example/callback'],
      },
    ],
  });
});
afterAll(() => run.sandbox.close());

const CLIENT = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };

/** Ticks the consent form the way a browser would and returns the redirect. */
async function approve(fields: Record<string, string | string[]>): Promise<Response> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return fetch(`${run.base}/api`, { method: 'POST', body: form, redirect: 'manual' });
}

async function codeFor(user: string, workspaces: string[], state = 'xyz'): Promise<string> {
  const res = await approve({
    client_id: CLIENT.client_id,
    redirect_uri: 'http://127.0.0.1:9/callback?from=test',
    state,
    user,
    workspace: workspaces,
  });
  expect(res.status).toBe(302);
  const location = new URL(defined(res.headers.get('location')));
  expect(location.origin + location.pathname).toBe('http://127.0.0.1:9/callback');
  expect(location.searchParams.get('from')).toBe('test');
  expect(location.searchParams.get('state')).toBe(state);
  return defined(location.searchParams.get('code'));
}

describe('OAuth consent page', () => {
  it('shows a form to pick a user and tick workspaces', async () => {
    const res = await run.api.get('/api', {
      token: null,
      query: { client_id: 'sandbox-client-id', redirect_uri: 'http://localhost/cb', state: 'abc' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('<form method="post" action="/api">');
    expect(res.text).toContain(`value="${run.seed.acme}"`);
    expect(res.text).toContain('value="owner"');
  });

  it('escapes every reflected value', async () => {
    const evil = '"><script>alert(1)</script>';
    const res = await run.api.get('/api', {
      token: null,
      query: { client_id: 'sandbox-client-id', redirect_uri: `http://localhost/cb?x=${evil}`, state: evil },
    });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;');
    const unknown = await run.api.get('/api', {
      token: null,
      query: { client_id: evil, redirect_uri: 'http://localhost/cb' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).not.toContain('<script>');
  });

  it('rejects unknown clients, missing or unregistered redirect URIs', async () => {
    const get = (query: Record<string, string>) => run.api.get('/api', { token: null, query });
    expect((await get({ client_id: 'nope', redirect_uri: 'http://localhost/cb' })).text).toContain(
      'OAUTH_010',
    );
    expect((await get({ client_id: 'sandbox-client-id' })).text).toContain('OAUTH_017');
    expect((await get({ client_id: 'strict-app', redirect_uri: 'https://evil.example/cb' })).text).toContain(
      'OAUTH_007',
    );
    expect(
      (await get({ client_id: 'strict-app', redirect_uri: 'https://gateway.example/callback' })).status,
    ).toBe(200);
  });

  it('refuses workspaces the user is not a member of, and an empty selection', async () => {
    const base = { client_id: CLIENT.client_id, redirect_uri: 'http://localhost/cb', state: 's' };
    const foreign = await approve({ ...base, user: 'guest', workspace: [run.seed.acme] });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('not a member');
    expect((await approve({ ...base, user: 'owner' })).status).toBe(400);
  });
});

describe('OAuth token exchange', () => {
  it('accepts the fields as JSON, as a form and as query parameters', async () => {
    const json = await run.api.post<{ access_token: string }>(
      '/api/v2/oauth/token',
      { ...CLIENT, code: await codeFor('owner', [run.seed.acme]) },
      { token: null },
    );
    expect(json.status).toBe(200);
    expect(Object.keys(json.body)).toEqual(['access_token']);

    const form = await run.api.post<{ access_token: string }>(
      '/api/v2/oauth/token',
      new URLSearchParams({ ...CLIENT, code: await codeFor('owner', [run.seed.acme]) }).toString(),
      { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    );
    expect(form.status).toBe(200);

    const query = await run.api.post<{ access_token: string }>('/api/v2/oauth/token', undefined, {
      token: null,
      query: { ...CLIENT, code: await codeFor('owner', [run.seed.acme]) },
    });
    expect(query.status).toBe(200);
    expect(new Set([json.body.access_token, form.body.access_token, query.body.access_token]).size).toBe(3);
  });

  it('lets a code work once', async () => {
    const code = await codeFor('owner', [run.seed.acme]);
    expect((await run.api.post('/api/v2/oauth/token', { ...CLIENT, code }, { token: null })).status).toBe(
      200,
    );
    const again = await run.api.post('/api/v2/oauth/token', { ...CLIENT, code }, { token: null });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ ECODE: 'OAUTH_015' });
  });

  it('checks the client and its secret', async () => {
    const code = await codeFor('owner', [run.seed.acme]);
    expect(
      (
        await run.api.post(
          '/api/v2/oauth/token',
          { client_id: 'nope', client_secret: 'x', code },
          { token: null },
        )
      ).body,
    ).toMatchObject({ ECODE: 'OAUTH_010' });
    expect(
      (
        await run.api.post(
          '/api/v2/oauth/token',
          { ...CLIENT, client_secret: 'wrong', code },
          { token: null },
        )
      ).status,
    ).toBe(401);
    expect(
      (await run.api.post('/api/v2/oauth/token', { client_id: CLIENT.client_id }, { token: null })).status,
    ).toBe(400);
    // The failed attempts did not burn the code.
    expect((await run.api.post('/api/v2/oauth/token', { ...CLIENT, code }, { token: null })).status).toBe(
      200,
    );
  });

  it('gives a token that acts as the user, sent as Bearer, in the authorized workspaces only', async () => {
    const token = (
      await run.api.post<{ access_token: string }>(
        '/api/v2/oauth/token',
        { ...CLIENT, code: await codeFor('guest', [run.seed.globex]) },
        { token: null },
      )
    ).body.access_token;
    const bearer = run.api.as(`Bearer ${token}`);
    expect((await bearer.get<{ user: { id: number } }>('/api/v2/user')).body.user.id).toBe(
      run.seed.users.guest,
    );
    expect(
      (await bearer.get<{ teams: { id: string }[] }>('/api/v2/team')).body.teams.map((t) => t.id),
    ).toEqual([run.seed.globex]);
    expect((await bearer.get(`/api/v2/team/${run.seed.globex}/space`)).status).toBe(200);
    expect((await bearer.get(`/api/v2/team/${run.seed.acme}/space`)).body).toEqual({
      err: 'Team not authorized',
      ECODE: 'OAUTH_027',
    });
    // The raw token without Bearer is not a personal token.
    expect((await run.api.as(token).get('/api/v2/user')).status).toBe(401);
  });

  it('stops every token a user granted when the user revokes the app (a sandbox control)', async () => {
    const exchange = async (user: string) =>
      (
        await run.api.post<{ access_token: string }>(
          '/api/v2/oauth/token',
          { ...CLIENT, code: await codeFor(user, [run.seed.acme]) },
          { token: null },
        )
      ).body.access_token;
    const [first, second, other] = [
      await exchange('sarah'),
      await exchange('sarah'),
      await exchange('david'),
    ];
    const revoke = (body: unknown) =>
      fetch(`${run.base}/_sandbox/oauth/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await revoke({ user: 'sarah' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    for (const token of [first, second]) {
      const answer = await run.api.as(`Bearer ${token}`).get('/api/v2/user');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ err: 'Token invalid', ECODE: 'OAUTH_025' });
    }
    expect((await run.api.as(`Bearer ${other}`).get('/api/v2/user')).status).toBe(200);
    expect((await revoke({ user: 'nobody' })).status).toBe(404);
    expect((await revoke({})).status).toBe(400);
  });
});
