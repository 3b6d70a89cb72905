import { sha256Hex } from '@gw/security';
import { waitFor } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import { ApiUnderTest, DASHBOARD_URL, OWNER } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { Sandbox } from './support/sandbox';

interface User {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
}
interface Token {
  id: string;
  token: string;
  role: string;
  expires_at: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string | string[];
}
const PASSWORD = 'a-long-enough-password-42';
/** An owner token without a creator (as tokens made before creators were recorded): no demotion narrows it. */
const PROVISIONING_TOKEN = 'cgw_provisioning-token-0123456789abcdef';
const DAY_MS = 86_400_000;

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let ownerId: string;
let serial = 0;

/** A new user of the bootstrap organization, signed in. */
async function person(role: string): Promise<{ id: string; email: string; client: ApiClient }> {
  const email = `${role}-${++serial}@example.com`;
  const res = await owner.post<User>('/api/v1/users', {
    email,
    name: `${role} ${serial}`,
    role,
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, email, client: await api.signIn(email, PASSWORD) };
}

const auditRows = (action: string) =>
  api.query<{ actor: string; outcome: string; arguments: unknown }>(
    'SELECT actor, outcome, arguments FROM audit_events WHERE action = $1 ORDER BY seq',
    [action],
  );

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
  ownerId = (await owner.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
  await api.query(
    `INSERT INTO api_tokens (id, organization_id, created_by_user_id, name, role, token_hash, token_prefix)
     SELECT $1, organization_id, NULL, 'provisioning', 'owner', $2, 'cgw_prov' FROM users WHERE id = $3`,
    [randomUUID(), sha256Hex(PROVISIONING_TOKEN), ownerId],
  );
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

describe('disabling a user', () => {
  it('ends its sessions and stops its API tokens at once; enabling lets it sign in again', async () => {
    const admin = await person('admin');
    const token = await admin.client.post<Token>('/api/v1/api-tokens', { name: 'ci' });
    const bearer = admin.client.as({ kind: 'bearer', token: token.body.token });
    expect((await admin.client.get('/api/v1/teams')).status).toBe(200);
    expect((await bearer.get('/api/v1/teams')).status).toBe(200);

    const disabled = await owner.patch<User>(`/api/v1/users/${admin.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: admin.id, disabled: true, role: 'admin' });
    // No waiting: the very next request of either credential is refused.
    expect((await bearer.get('/api/v1/teams')).status).toBe(401);
    expect((await admin.client.get('/api/v1/teams')).status).toBe(401);
    await expect(api.signIn(admin.email, PASSWORD)).rejects.toThrow(/401/);

    expect((await owner.patch<User>(`/api/v1/users/${admin.id}`, { disabled: false })).body.disabled).toBe(
      false,
    );
    expect((await admin.client.get('/api/v1/teams')).status).toBe(401);
    expect((await (await api.signIn(admin.email, PASSWORD)).get('/api/v1/teams')).status).toBe(200);
    expect((await bearer.get('/api/v1/teams')).status).toBe(200);

    const rows = await auditRows('users.update');
    expect(rows.filter((r) => r.actor === `user:${ownerId}`).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses to let anyone disable itself', async () => {
    const admin = await person('admin');
    const res = await admin.client.patch<ErrorBody>(`/api/v1/users/${admin.id}`, { disabled: true });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('You cannot disable yourself');
    expect((await admin.client.get('/api/v1/teams')).status).toBe(200);
  });
});

describe('roles', () => {
  it('owners and admins change roles; only an owner makes or unmakes an owner', async () => {
    const admin = await person('admin');
    const member = await person('member');
    const auditor = await person('auditor');
    expect((await admin.client.patch(`/api/v1/users/${member.id}`, { role: 'auditor' })).status).toBe(200);
    expect((await member.client.get('/api/v1/audit-events')).status).toBe(200);
    expect((await admin.client.patch(`/api/v1/users/${member.id}`, { role: 'owner' })).status).toBe(403);
    expect((await admin.client.patch(`/api/v1/users/${ownerId}`, { role: 'admin' })).status).toBe(403);
    expect((await admin.client.patch(`/api/v1/users/${ownerId}`, { disabled: true })).status).toBe(403);
    expect((await auditor.client.patch(`/api/v1/users/${member.id}`, { role: 'member' })).status).toBe(403);
    expect((await member.client.patch(`/api/v1/users/${member.id}`, { role: 'admin' })).status).toBe(403);

    const promoted = await owner.patch<User>(`/api/v1/users/${admin.id}`, { role: 'owner' });
    expect(promoted.body.role).toBe('owner');
    // The session reads the new role on its next request.
    expect((await admin.client.patch(`/api/v1/users/${member.id}`, { role: 'owner' })).status).toBe(200);
    expect((await admin.client.patch(`/api/v1/users/${member.id}`, { role: 'member' })).status).toBe(200);
    expect((await owner.patch(`/api/v1/users/${admin.id}`, { role: 'admin' })).status).toBe(200);
  });

  it('never leaves the organization without an active owner, even with two changes at once', async () => {
    const refused = await owner.patch<ErrorBody>(`/api/v1/users/${ownerId}`, { role: 'admin' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('The last active owner can be neither demoted nor disabled');

    const second = await person('admin');
    await owner.patch(`/api/v1/users/${second.id}`, { role: 'owner' });
    const provisioning = owner.as({ kind: 'bearer', token: PROVISIONING_TOKEN });
    const [a, b] = await Promise.all([
      provisioning.patch(`/api/v1/users/${ownerId}`, { role: 'admin' }),
      provisioning.patch(`/api/v1/users/${second.id}`, { disabled: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [{ count }] = await api.query<{ count: string }>(
      `SELECT count(*) FROM users WHERE role = 'owner' AND disabled_at IS NULL AND organization_id =
         (SELECT organization_id FROM users WHERE id = $1)`,
      [ownerId],
    );
    expect(Number(count)).toBe(1);
    // Put the bootstrap owner back for the tests that follow.
    await provisioning.patch(`/api/v1/users/${ownerId}`, { role: 'owner' });
    expect((await owner.get<{ user: { role: string } }>('/api/v1/auth/me')).body.user.role).toBe('owner');
  });

  it('answers 400 to an empty or invalid change, 404 to an unknown user', async () => {
    const member = await person('member');
    for (const body of [{}, { role: 'root' }, { disabled: 'yes' }, { role: 'admin', extra: 1 }]) {
      const res = await owner.patch<ErrorBody>(`/api/v1/users/${member.id}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect(
      (await owner.patch('/api/v1/users/00000000-0000-4000-8000-000000000000', { role: 'admin' })).status,
    ).toBe(404);
  });
});

describe('API tokens and their creator', () => {
  it('caps a demoted creator’s token at the creator’s new role, and stops it when the roles do not nest', async () => {
    const admin = await person('admin');
    const token = await admin.client.post<Token>('/api/v1/api-tokens', { name: 'deploy', role: 'admin' });
    const bearer = admin.client.as({ kind: 'bearer', token: token.body.token });
    expect((await bearer.post('/api/v1/teams', { name: 'By admin token' })).status).toBe(201);

    await owner.patch(`/api/v1/users/${admin.id}`, { role: 'member' });
    expect((await bearer.post('/api/v1/teams', { name: 'Refused' })).status).toBe(403);
    expect((await bearer.get('/api/v1/mcp-servers')).status).toBe(200);

    const member = await person('member');
    const memberToken = await member.client.post<Token>('/api/v1/api-tokens', { name: 'mine' });
    await owner.patch(`/api/v1/users/${member.id}`, { role: 'auditor' });
    expect(
      (await member.client.as({ kind: 'bearer', token: memberToken.body.token }).get('/api/v1/teams')).status,
    ).toBe(401);
  });

  it('expire after 90 days unless chosen otherwise; only owners make tokens that never expire', async () => {
    const admin = await person('admin');
    const byDefault = await admin.client.post<Token>('/api/v1/api-tokens', { name: 'default' });
    const days = (Date.parse(byDefault.body.expires_at as string) - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    const never = await admin.client.post<ErrorBody>('/api/v1/api-tokens', {
      name: 'never',
      expires_at: null,
    });
    expect(never.status).toBe(400);
    expect(never.body.message).toEqual([
      'Only an owner can make a token that never expires (expires_at: null)',
    ]);
    const farOut = new Date(Date.now() + 400 * DAY_MS).toISOString();
    expect((await admin.client.post('/api/v1/api-tokens', { name: 'far', expires_at: farOut })).status).toBe(
      400,
    );
    const month = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const chosen = await admin.client.post<Token>('/api/v1/api-tokens', { name: 'month', expires_at: month });
    expect(chosen.body.expires_at).toBe(month);

    const owned = await owner.post<Token>('/api/v1/api-tokens', { name: 'forever', expires_at: null });
    expect(owned.status).toBe(201);
    expect(owned.body.expires_at).toBeNull();
  });
});

describe('passwords', () => {
  it('changes one’s own password with the current one, and ends one’s other sessions', async () => {
    const member = await person('member');
    const laptop = await api.signIn(member.email, PASSWORD);
    const wrong = await member.client.post<ErrorBody>('/api/v1/auth/password', {
      current_password: 'not-the-password',
      new_password: 'a-brand-new-password-7',
    });
    expect(wrong.status).toBe(403);
    const short = await member.client.post('/api/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'short',
    });
    expect(short.status).toBe(400);
    expect((await laptop.get('/api/v1/teams')).status).toBe(200);

    const changed = await member.client.post('/api/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'a-brand-new-password-7',
    });
    expect(changed.status).toBe(204);
    expect((await member.client.get('/api/v1/teams')).status).toBe(200);
    expect((await laptop.get('/api/v1/teams')).status).toBe(401);
    await expect(api.signIn(member.email, PASSWORD)).rejects.toThrow(/401/);
    await api.signIn(member.email, 'a-brand-new-password-7');

    const [row] = await auditRows('auth.password_change');
    expect(JSON.stringify(row.arguments)).not.toContain('a-brand-new-password-7');
    expect(JSON.stringify(row.arguments)).not.toContain(PASSWORD);
  });

  it('refuses a password change through an API token', async () => {
    const token = await owner.post<Token>('/api/v1/api-tokens', { name: 'script' });
    const res = await owner.as({ kind: 'bearer', token: token.body.token }).post('/api/v1/auth/password', {
      current_password: OWNER.password,
      new_password: 'token-chosen-password',
    });
    expect(res.status).toBe(403);
  });

  it('resets a password with a one-time link that an admin sees once, valid an hour, ending every session', async () => {
    const member = await person('member');
    const admin = await person('admin');
    const made = await admin.client.post<{ reset_url: string; expires_at: string }>(
      `/api/v1/users/${member.id}/password-reset`,
    );
    expect(made.status).toBe(201);
    const url = new URL(made.body.reset_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${DASHBOARD_URL}/reset-password`);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') as string;
    expect(token).toMatch(/^gwr_/);
    expect(Date.parse(made.body.expires_at) - Date.now()).toBeLessThanOrEqual(3_600_000);
    const stored = await api.query('SELECT * FROM password_resets WHERE user_id = $1', [member.id]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(await auditRows('users.password_reset'))).not.toContain(token);

    // The old password keeps working until the link is used.
    expect((await member.client.get('/api/v1/teams')).status).toBe(200);
    const reset = (new_password: string) =>
      api.anonymous.post<ErrorBody>('/api/v1/auth/password-reset', { token, new_password });
    expect((await reset('short')).status).toBe(400);
    expect((await reset('a-reset-password-123')).status).toBe(204);
    const spent = await auditRows('auth.password_reset');
    // The refused short password came from nobody yet: it enters no organization's chain (docs/security.md).
    expect(spent.map((r) => [r.actor, r.outcome])).toEqual([[`user:${member.id}`, 'ok']]);
    expect(JSON.stringify(spent)).not.toContain(token);
    expect((await member.client.get('/api/v1/teams')).status).toBe(401);
    await api.signIn(member.email, 'a-reset-password-123');
    const again = await reset('another-password-456');
    expect(again.status).toBe(400);
    expect(again.body.message).toEqual(['This reset link is invalid, used or expired']);

    // An expired link, and a link replaced by a newer one, set nothing.
    const first = await owner.post<{ reset_url: string }>(`/api/v1/users/${member.id}/password-reset`);
    const second = await owner.post<{ reset_url: string }>(`/api/v1/users/${member.id}/password-reset`);
    const secret = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('token') as string;
    const use = (link: string) =>
      api.anonymous.post('/api/v1/auth/password-reset', {
        token: secret(link),
        new_password: 'never-applied-pw-1',
      });
    expect((await use(first.body.reset_url)).status).toBe(400);
    await api.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [member.id],
    );
    expect((await use(second.body.reset_url)).status).toBe(400);
    await api.signIn(member.email, 'a-reset-password-123');
  });

  it('lets only an owner reset an owner’s password', async () => {
    const admin = await person('admin');
    expect((await admin.client.post(`/api/v1/users/${ownerId}/password-reset`)).status).toBe(403);
    const member = await person('member');
    expect((await member.client.post(`/api/v1/users/${admin.id}/password-reset`)).status).toBe(403);
  });
});

describe('sessions', () => {
  it('end after the idle timeout, and note their use at most once a minute', async () => {
    const member = await person('member');
    const seen = async () =>
      (
        await api.query<{ last_seen_at: Date }>(
          'SELECT s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1',
          [member.email],
        )
      )[0]?.last_seen_at;
    const before = await seen();
    for (let i = 0; i < 3; i++) expect((await member.client.get('/api/v1/teams')).status).toBe(200);
    expect(await seen()).toEqual(before);

    await api.query(
      `UPDATE sessions SET last_seen_at = now() - interval '20 minutes'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [member.email],
    );
    expect((await member.client.get('/api/v1/teams')).status).toBe(200);
    await waitFor(async () => ((await seen()).getTime() > Date.now() - 60_000 ? true : undefined), {
      what: 'last_seen_at to move on',
    });

    await api.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [member.email],
    );
    const idle = await member.client.get<ErrorBody>('/api/v1/teams');
    expect(idle.status).toBe(401);
    expect(await seen()).toBeUndefined();
  });
});
