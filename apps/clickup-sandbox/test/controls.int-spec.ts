import { startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox({ rateLimitPerMinute: 5 });
});
afterAll(() => run.sandbox.close());
afterEach(async () => {
  await run.api.delete('/_sandbox/faults');
  await run.api.put('/_sandbox/rate-limit', { per_minute: 1_000_000 });
});

const control = (method: string, path: string, body?: unknown) =>
  run.api.call(method, `/_sandbox/${path}`, { body, token: null });

describe('rate limits', () => {
  it('count down per token, answer 429 past the limit, and reset with the window', async () => {
    await control('PUT', 'rate-limit', { per_minute: 3 });
    const david = run.api.as('pk_sandbox_david');
    const before = Math.floor(Date.now() / 1000);
    const seen: [number, string | null][] = [];
    for (let i = 0; i < 4; i++) {
      const res = await david.get('/api/v2/user');
      seen.push([res.status, res.headers.get('x-ratelimit-remaining')]);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(before + 59);
      expect(reset).toBeLessThanOrEqual(before + 61);
    }
    expect(seen).toEqual([
      [200, '2'],
      [200, '1'],
      [200, '0'],
      [429, '0'],
    ]);
    expect((await david.get('/api/v2/user')).body).toEqual({ err: 'Rate limit reached', ECODE: 'APP_002' });
    // Another token has its own window.
    expect((await run.api.as('pk_sandbox_sarah').get('/api/v2/user')).status).toBe(200);
    // Setting the limit resets every window.
    await control('PUT', 'rate-limit', { per_minute: 3 });
    expect((await david.get('/api/v2/user')).headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('sends the headers on errors too', async () => {
    const res = await run.api.get('/api/v2/task/nope');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
    const html = await run.api.get('/api/v2/nope');
    expect(html.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('starts from the configured default', async () => {
    run.sandbox.reset();
    const res = await run.api.as('pk_sandbox_fresh').get('/api/v2/user');
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
  });
});

describe('faults', () => {
  it('answers the status for count matching requests, then recovers', async () => {
    const created = await control('POST', 'faults', {
      method: 'GET',
      path: '/api/v2/user',
      status: 503,
      count: 2,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), status: 503, count: 2, remaining: 2 });
    expect((await run.api.get('/api/v2/user')).status).toBe(503);
    expect((await run.api.post('/api/v2/user')).status).toBe(404); // method does not match
    expect((await run.api.get('/api/v2/user')).status).toBe(503);
    expect((await run.api.get('/api/v2/user')).status).toBe(200);
    expect((await control('GET', 'faults')).body).toEqual({ faults: [] });
  });

  it('matches paths by prefix or with *', async () => {
    await control('POST', 'faults', { path: '/api/v2/list/*/task', status: 500, count: 1 });
    expect((await run.api.get(`/api/v2/list/${run.seed.lists['Sprint 42']}`)).status).toBe(200);
    expect((await run.api.get(`/api/v2/list/${run.seed.lists['Sprint 42']}/task`)).status).toBe(500);
    await control('POST', 'faults', { path: '/api/v2/team', status: 502, count: 1 });
    expect((await run.api.get(`/api/v2/team/${run.seed.acme}/space`)).status).toBe(502);
  });

  it('applies the write and still fails with after_commit (the duplicate-write case)', async () => {
    const list = run.seed.lists['Bug Backlog'];
    await control('POST', 'faults', {
      method: 'POST',
      path: `/api/v2/list/${list}/task`,
      status: 500,
      after_commit: true,
    });
    const res = await run.api.post(`/api/v2/list/${list}/task`, { name: 'Committed despite 500' });
    expect(res.status).toBe(500);
    const tasks = await run.api.get<{ tasks: { name: string }[] }>(`/api/v2/list/${list}/task`);
    expect(tasks.body.tasks.filter((t) => t.name === 'Committed despite 500')).toHaveLength(1);
  });

  it('does not apply the write without after_commit', async () => {
    const list = run.seed.lists['Bug Backlog'];
    await control('POST', 'faults', { method: 'POST', path: `/api/v2/list/${list}/task`, status: 500 });
    expect((await run.api.post(`/api/v2/list/${list}/task`, { name: 'Never written' })).status).toBe(500);
    const tasks = await run.api.get<{ tasks: { name: string }[] }>(`/api/v2/list/${list}/task`);
    expect(tasks.body.tasks.some((t) => t.name === 'Never written')).toBe(false);
  });

  it('delays the answer with delay_ms', async () => {
    await control('POST', 'faults', { path: '/api/v2/user', delay_ms: 300 });
    const started = Date.now();
    const res = await run.api.get('/api/v2/user');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('destroys the socket with reset_connection, after committing when asked', async () => {
    await control('POST', 'faults', { path: '/api/v2/user', reset_connection: true });
    await expect(run.api.get('/api/v2/user')).rejects.toThrow();
    const list = run.seed.lists['Bug Backlog'];
    await control('POST', 'faults', {
      method: 'POST',
      path: `/api/v2/list/${list}/task`,
      reset_connection: true,
      after_commit: true,
    });
    await expect(
      run.api.post(`/api/v2/list/${list}/task`, { name: 'Written before the reset' }),
    ).rejects.toThrow();
    const tasks = await run.api.get<{ tasks: { name: string }[] }>(`/api/v2/list/${list}/task`);
    expect(tasks.body.tasks.some((t) => t.name === 'Written before the reset')).toBe(true);
  });

  it('clears with DELETE /_sandbox/faults', async () => {
    await control('POST', 'faults', { status: 500, count: 100 });
    expect((await run.api.get('/api/v2/user')).status).toBe(500);
    await control('DELETE', 'faults');
    expect((await run.api.get('/api/v2/user')).status).toBe(200);
  });

  it('validates fault bodies', async () => {
    for (const body of [
      {},
      { status: 99 },
      { status: 500, count: 0 },
      { status: 500, path: 'no-slash' },
      { status: 500, colour: 'red' },
      { delay_ms: -1 },
      'text',
    ]) {
      const res = await control('POST', 'faults', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toEqual({ error: expect.any(String) });
    }
  });
});

describe('request log', () => {
  it('records what ClickUp would have received, with the credential masked', async () => {
    await control('DELETE', 'requests');
    await run.api.get(`/api/v2/list/${run.seed.lists['Sprint 42']}/task`, {
      query: { 'statuses[]': ['to do', 'in progress'], page: 0 },
    });
    await run.api.post(
      `/api/v2/list/${run.seed.lists['Sprint 42']}/task`,
      { name: 'Logged' },
      { headers: { 'x-trace': 'abc' } },
    );
    const log = await control('GET', 'requests');
    const requests = (log.body as { requests: Record<string, unknown>[] }).requests;
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      seq: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      method: 'GET',
      path: `/api/v2/list/${run.seed.lists['Sprint 42']}/task`,
      query: { 'statuses[]': ['to do', 'in progress'], page: '0' },
      body: null,
      status: 200,
    });
    expect(requests[1]).toMatchObject({
      method: 'POST',
      body: { name: 'Logged' },
      status: 200,
      headers: { 'x-trace': 'abc', 'content-type': 'application/json' },
    });
    const auth = (requests[1]['headers'] as Record<string, string>)['authorization'];
    expect(auth).not.toContain('pk_sandbox_owner');
    expect(auth.startsWith('pk_s')).toBe(true);
    const since = await control('GET', `requests?since=${requests[0]['seq'] as number}`);
    expect((since.body as { requests: unknown[] }).requests).toHaveLength(1);
    expect((await control('GET', 'requests?since=abc')).status).toBe(400);
  });

  it('keeps Bearer visible when masking OAuth tokens, and records faulted requests with their status', async () => {
    await control('DELETE', 'requests');
    await run.api.get('/api/v2/user', { token: 'Bearer 81000001_secret' });
    await control('POST', 'faults', { path: '/api/v2/team', status: 429 });
    await run.api.get('/api/v2/team');
    const requests = (
      (await control('GET', 'requests')).body as {
        requests: { headers: Record<string, string>; status: number }[];
      }
    ).requests;
    expect(requests[0].headers['authorization']).toMatch(/^Bearer 8100…/);
    expect(requests[0].status).toBe(401);
    expect(requests[1].status).toBe(429);
  });
});

describe('other controls', () => {
  it('adds latency to every answer', async () => {
    expect((await control('PUT', 'latency', { ms: 200 })).body).toEqual({ ms: 200 });
    const started = Date.now();
    await run.api.get('/api/v2/user');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await control('PUT', 'latency', { ms: 0 });
  });

  it('validates control bodies', async () => {
    expect((await control('PUT', 'latency', { ms: 'slow' })).status).toBe(400);
    expect((await control('PUT', 'rate-limit', { per_minute: 0 })).status).toBe(400);
    expect((await control('PUT', 'rate-limit', 'not json{')).body).toEqual({
      error: 'body is not valid JSON',
    });
    expect((await control('GET', 'nope')).status).toBe(404);
  });

  it('resets to the seed with the same ids', async () => {
    const list = run.seed.lists['Sprint 42'];
    const extra = await run.api.post<{ id: string }>(`/api/v2/list/${list}/task`, {
      name: 'Gone after reset',
    });
    await run.api.delete(`/api/v2/task/${run.seed.tasks['Refactor Login Component'].id}`);
    expect((await control('POST', 'reset')).body).toEqual({ ok: true });
    expect((await control('GET', 'requests')).body).toEqual({ requests: [] });
    expect((await run.api.get(`/api/v2/task/${extra.body.id}`)).status).toBe(401);
    const login = await run.api.get<{ name: string }>(
      `/api/v2/task/${run.seed.tasks['Refactor Login Component'].id}`,
    );
    expect(login.body.name).toBe('Refactor Login Component');
  });
});
