import { AppProcess, freePort } from '@gw/testing';
import { Stack, type StackMode } from '../support/stack';

const PASSWORD = 'a-long-enough-password-42';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<Session | number> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) return res.status;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
}

async function call(
  baseUrl: string,
  auth: Session | string,
  method = 'GET',
  path = '/teams',
  body?: unknown,
) {
  const headers: Record<string, string> =
    typeof auth === 'string'
      ? { authorization: `Bearer ${auth}` }
      : { cookie: auth.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': auth.csrf }) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status;
}

/**
 * Two api processes on one database, as a scaled deployment runs them: a user disabled or demoted through one is
 * refused or narrowed by the other on its very next request, even right after that process last let it in.
 */
describe.each<[StackMode, number]>([
  ['postgres', 2],
  ['embedded', 1],
])('identity lifecycle across api processes (%s, %i process(es))', (mode, processes) => {
  const stack = new Stack(mode, { worker: false });
  let second: AppProcess | undefined;
  let other: string;

  beforeAll(async () => {
    await stack.start();
    other = stack.baseUrl;
    if (processes === 2) {
      const port = await freePort();
      second = AppProcess.start('api', { ...stack.env(), PORT: String(port) });
      await second.waitForLine(/^api listening on/);
      other = `http://127.0.0.1:${port}`;
    }
  }, 180_000);
  afterAll(async () => {
    await second?.stop();
    await stack.stop();
  }, 60_000);

  async function person(role: string, name: string): Promise<{ id: string; email: string }> {
    const email = `${name}@example.com`;
    const res = await stack.rest<{ id: string }>('POST', '/users', { email, name, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id, email };
  }

  it('refuses a disabled user’s session and API token on the other process at once', async () => {
    const admin = await person('admin', 'dana');
    const session = (await signIn(other, admin.email)) as Session;
    const mine = await fetch(`${other}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'dana-ci' }),
    });
    const token = ((await mine.json()) as { token: string }).token;
    // Warm the other process: it has just let both credentials in.
    expect([await call(other, session), await call(other, token)]).toEqual([200, 200]);

    expect((await stack.rest('PATCH', `/users/${admin.id}`, { disabled: true })).status).toBe(200);
    expect([await call(other, token), await call(other, session)]).toEqual([401, 401]);
    expect(await signIn(other, admin.email)).toBe(401);

    expect((await stack.rest('PATCH', `/users/${admin.id}`, { disabled: false })).status).toBe(200);
    expect(await call(other, session)).toBe(401);
    expect(await call(other, token)).toBe(200);
  });

  it('narrows a demoted creator’s token on the other process at once', async () => {
    const admin = await person('admin', 'fox');
    const session = (await signIn(other, admin.email)) as Session;
    const mine = await fetch(`${other}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fox-ci', role: 'admin' }),
    });
    const token = ((await mine.json()) as { token: string }).token;
    expect(await call(other, token, 'POST', '/teams', { name: 'Before' })).toBe(201);

    expect((await stack.rest('PATCH', `/users/${admin.id}`, { role: 'member' })).status).toBe(200);
    expect(await call(other, token, 'POST', '/teams', { name: 'After' })).toBe(403);
    expect(await call(other, session, 'POST', '/teams', { name: 'After' })).toBe(403);
    expect(await call(other, token)).toBe(200);
  });

  it('ends the other sessions after a password reset made through the other process', async () => {
    const member = await person('member', 'walter');
    const session = (await signIn(stack.baseUrl, member.email)) as Session;
    const link = await stack.rest<{ reset_url: string }>('POST', `/users/${member.id}/password-reset`);
    expect(link.status).toBe(201);
    const token = new URLSearchParams(new URL(link.body.reset_url).hash.slice(1)).get('token');
    const used = await fetch(`${other}/api/v1/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, new_password: 'walter-new-password-1' }),
    });
    expect(used.status).toBe(204);
    expect(await call(stack.baseUrl, session)).toBe(401);
    expect(typeof (await signIn(stack.baseUrl, member.email, 'walter-new-password-1'))).toBe('object');
  });
});
