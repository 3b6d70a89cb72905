import { randomUUID } from 'node:crypto';
import { ApprovalWebhooks } from '../src/approval-webhooks/approval-webhooks.service';
import type { ApprovalNotice } from '../src/approval-webhooks/approval-notice';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';

interface Webhook {
  team_id: string;
  url: string;
  enabled: boolean;
  secret_hint: string;
  secret_created_at: string;
  secret?: string;
}
interface Delivery {
  id: string;
  event: string;
  state: string;
  approval_id: string | null;
  tool: string | null;
  attempts: number;
  max_attempts: number;
  last_status: number | null;
  created_at: string;
  next_attempt_at: string | null;
}
interface ErrorBody {
  message: string | string[];
}

const PASSWORD = 'a-long-enough-password-42';
const SLACK_URL = 'https://hooks.slack.com/services/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';
const SLACK_PATH_SECRET = 's3cr3tS3cr3tS3cr3tS3cr3t';

/** Team approval webhooks on the REST API, and the notifier the approvals core calls, without a worker running. */
describe.each(STORAGES)('team approval webhooks on %s', (storage) => {
  let api: ApiUnderTest;
  const as = {} as Record<'owner' | 'admin' | 'auditor' | 'member', ApiClient>;
  const teams = { support: '', sales: '', quiet: '' };
  const path = (team: string, rest = '') => `/api/v1/teams/${team}/approval-webhook${rest}`;
  const notifier = () => api.app.get(ApprovalWebhooks);
  let organizationId: string;

  beforeAll(async () => {
    api = await ApiUnderTest.start(null, {}, { storage });
    as.owner = await api.signIn();
    for (const role of ['admin', 'auditor', 'member'] as const) {
      const email = `${role}@example.com`;
      expect(
        (await as.owner.post('/api/v1/users', { email, name: role, role, password: PASSWORD })).status,
      ).toBe(201);
      as[role] = await api.signIn(email, PASSWORD);
    }
    for (const name of ['support', 'sales', 'quiet'] as const) {
      teams[name] = (await as.owner.post<{ id: string }>('/api/v1/teams', { name })).body.id;
    }
    [{ organization_id: organizationId }] = await api.query<{ organization_id: string }>(
      'SELECT organization_id FROM teams WHERE id = $1',
      [teams.support],
    );
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  function notice(teamId: string | null): ApprovalNotice {
    const approvalId = randomUUID();
    return {
      organization_id: organizationId,
      team_id: teamId,
      approval_id: approvalId,
      server: { id: randomUUID(), name: 'Support agent' },
      tool: 'task_delete',
      summary: 'Delete task “Launch plan”',
      requested_by: 'ada@example.com',
      approval_url: `${DASHBOARD_URL}/approvals/${approvalId}`,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    };
  }

  it('lets only owners and admins see or change a webhook', async () => {
    for (const who of ['auditor', 'member'] as const) {
      const client = as[who];
      expect((await client.get(path(teams.support))).status).toBe(403);
      expect((await client.put(path(teams.support), { url: SLACK_URL })).status).toBe(403);
      expect((await client.delete(path(teams.support))).status).toBe(403);
      expect((await client.post(path(teams.support, '/test'))).status).toBe(403);
      expect((await client.get(path(teams.support, '/deliveries'))).status).toBe(403);
    }
    expect((await as.admin.get(path(teams.support))).status).toBe(404);
    const rows = await api.query('SELECT team_id FROM approval_webhooks');
    expect(rows).toEqual([]);
  });

  it('answers 404 for a team that does not exist or is not a team id', async () => {
    expect((await as.owner.put(path(randomUUID()), { url: SLACK_URL })).status).toBe(404);
    expect((await as.owner.get(path('not-a-team'))).status).toBe(404);
  });

  it.each([
    [{ url: 'ftp://example.com/hook' }, 'url must use http or https'],
    [{ url: 'javascript:alert(1)' }, 'url must use http or https'],
    [{ url: 'example.com/hook' }, 'url must be an absolute http or https URL'],
    [{ url: 'https://user:pass@example.com/hook' }, 'url must not contain a user name or password'],
    [{ url: 'https://example.com/hook#x' }, 'url must not have a #fragment'],
    [{ url: 'https://example.com/a b' }, 'url must not contain spaces or control characters'],
    [{ url: `https://example.com/${'a'.repeat(2000)}` }, 'url must be at most 2000 characters'],
    [{ url: 42 }, 'url must be an http or https URL'],
    [{}, 'url must be an http or https URL'],
    [{ url: SLACK_URL, enabled: 'yes' }, 'enabled must be true or false'],
    [{ url: SLACK_URL, rotate_secret: 1 }, 'rotate_secret must be true or false'],
    [{ url: SLACK_URL, secret: 'whsec_mine' }, 'property secret should not exist'],
  ])('refuses %j with a clear 400', async (body, message) => {
    const res = await as.admin.put<ErrorBody>(path(teams.support), body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
    expect(res.text).not.toContain('pass@');
    expect(await api.query('SELECT team_id FROM approval_webhooks')).toEqual([]);
  });

  it('hands out the signing secret once: on creation and on rotation, never in a read', async () => {
    const created = await as.admin.put<Webhook>(path(teams.support), { url: SLACK_URL });
    expect(created.status).toBe(200);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      team_id: teams.support,
      url: SLACK_URL,
      enabled: true,
      secret_hint: `whsec_…${secret.slice(-4)}`,
    });

    const read = await as.owner.get<Webhook>(path(teams.support));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...created.body, secret: undefined, updated_at: expect.any(String) });
    expect(read.text).not.toContain(secret);

    const moved = await as.admin.put<Webhook>(path(teams.support), {
      url: 'http://10.0.0.8:8080/approvals',
      enabled: false,
    });
    expect(moved.body).toMatchObject({ url: 'http://10.0.0.8:8080/approvals', enabled: false });
    expect(moved.body.secret).toBeUndefined();
    expect(moved.body.secret_hint).toBe(created.body.secret_hint);

    const rotated = await as.owner.put<Webhook>(path(teams.support), { url: SLACK_URL, rotate_secret: true });
    const next = rotated.body.secret as string;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    expect(rotated.body.secret_hint).toBe(`whsec_…${next.slice(-4)}`);
    // Absent `enabled` keeps what was set.
    expect(rotated.body.enabled).toBe(false);
    expect(new Date(rotated.body.secret_created_at).getTime()).toBeGreaterThan(
      new Date(created.body.secret_created_at).getTime(),
    );

    // Neither secret, nor the credential in the Slack URL, is stored in clear or written to the audit log.
    const stored = await api.query<{ row: string }>('SELECT t::text AS row FROM approval_webhooks t');
    const audit = await api.query<{ row: string }>('SELECT t::text AS row FROM audit_events t');
    for (const text of [...stored, ...audit].map((r) => r.row)) {
      expect(text).not.toContain(secret.slice(6));
      expect(text).not.toContain(next.slice(6));
      expect(text).not.toContain(SLACK_PATH_SECRET);
    }
    const sets = await api.query<{ outcome: string; arguments: { body: Record<string, unknown> } }>(
      `SELECT outcome, arguments FROM audit_events WHERE action = 'approval_webhook.set' AND outcome = 'ok' ORDER BY seq`,
    );
    expect(sets).toHaveLength(3);
    expect(sets.map((r) => r.arguments.body['url'])).toEqual(['[redacted]', '[redacted]', '[redacted]']);
    // A change refused before its handler ran (by role) is recorded without the URL too.
    const refused = await api.query<{ arguments: { body: Record<string, unknown> } }>(
      `SELECT arguments FROM audit_events WHERE action = 'http PUT /api/v1/teams/:id/approval-webhook'`,
    );
    expect(refused.map((r) => r.arguments.body)).toEqual([{ url: '[redacted]' }, { url: '[redacted]' }]);
    await as.owner.put(path(teams.support), { url: SLACK_URL, enabled: true });
  });

  it('queues one notification per new request for a team whose webhook is on, and none otherwise', async () => {
    const first = notice(teams.support);
    const deliveryId = await notifier().notify(first);
    expect(deliveryId).toEqual(expect.any(String));

    expect(await notifier().notify(notice(null))).toBeNull();
    expect(await notifier().notify(notice(teams.quiet))).toBeNull();
    await as.owner.put(path(teams.sales), { url: 'https://example.com/sales', enabled: false });
    expect(await notifier().notify(notice(teams.sales))).toBeNull();
    // A team of another organization is not found under this one.
    expect(await notifier().notify({ ...notice(teams.support), organization_id: randomUUID() })).toBeNull();

    const listed = await as.admin.get<{ items: Delivery[] }>(path(teams.support, '/deliveries'));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: deliveryId,
        event: 'approval.requested',
        state: 'pending',
        approval_id: first.approval_id,
        tool: 'task_delete',
        attempts: 0,
        max_attempts: 8,
        last_status: null,
      }),
    ]);
    // What leaves the gateway carries no token, even one that slipped into the request's text.
    const leaky = {
      ...notice(teams.support),
      requested_by: `${api.baseUrl}/mcp/cmcp_${'A1b2'.repeat(11)}`,
      summary: 'Delete the task named pk_81234567_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
    };
    const leakyId = (await notifier().notify(leaky)) as string;
    const job = await api.runtime.queues.queue('notifications').getJob(leakyId);
    expect(JSON.stringify(job?.data)).not.toMatch(/cmcp_A1b2|pk_81234567_ABC/);
    expect(job?.data.approval).toMatchObject({
      tool: 'task_delete',
      summary: 'Delete the task named [redacted]',
    });
    await job?.remove();

    for (const team of [teams.sales, teams.quiet]) {
      expect((await as.admin.get<{ items: Delivery[] }>(path(team, '/deliveries'))).body.items).toEqual([]);
    }
    expect(
      (await as.admin.get<{ items: Delivery[] }>(path(teams.support, '/deliveries?state=failed'))).body.items,
    ).toEqual([]);
  });

  it('queues a signed test on request, and refuses one for a webhook that is off or missing', async () => {
    const sent = await as.admin.post<Delivery>(path(teams.support, '/test'));
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      event: 'webhook.test',
      state: 'pending',
      approval_id: null,
      attempts: 0,
    });
    const pending = await as.admin.get<{ items: Delivery[] }>(
      path(teams.support, '/deliveries?state=pending'),
    );
    expect(pending.body.items.map((d) => d.id)).toContain(sent.body.id);

    const off = await as.admin.post<ErrorBody>(path(teams.sales, '/test'));
    expect(off.status).toBe(409);
    expect(off.body.message).toMatch(/turned off/);
    const none = await as.admin.post<ErrorBody>(path(teams.quiet, '/test'));
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('The team has no approval webhook');
  });

  it('redelivers only failed deliveries of the team itself', async () => {
    const pending = (await as.admin.get<{ items: Delivery[] }>(path(teams.support, '/deliveries'))).body
      .items[0];
    const notFailed = await as.admin.post<ErrorBody>(
      path(teams.support, `/deliveries/${pending.id}/redeliver`),
    );
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.message).toMatch(/Only a failed delivery/);
    expect((await as.admin.post(path(teams.sales, `/deliveries/${pending.id}/redeliver`))).status).toBe(404);
    expect((await as.admin.post(path(teams.support, `/deliveries/${randomUUID()}/redeliver`))).status).toBe(
      404,
    );
    expect((await as.admin.post(path(teams.support, '/deliveries/nope/redeliver'))).status).toBe(404);
    expect((await as.admin.get(path(teams.support, '/deliveries?state=dead'))).status).toBe(400);
    expect((await as.admin.get(path(teams.support, '/deliveries?limit=0'))).status).toBe(400);
  });

  it('removes a webhook, after which nothing is queued for the team', async () => {
    expect((await as.admin.delete(path(teams.support))).status).toBe(204);
    expect((await as.admin.get(path(teams.support))).status).toBe(404);
    expect((await as.admin.delete(path(teams.support))).status).toBe(404);
    expect(await notifier().notify(notice(teams.support))).toBeNull();

    const actions = await api.query<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM audit_events WHERE action LIKE 'approval_webhook.%' ORDER BY seq`,
    );
    expect(actions.map((a) => `${a.action} ${a.outcome}`)).toEqual(
      expect.arrayContaining([
        'approval_webhook.test ok',
        'approval_webhook.test error',
        'approval_webhook.redeliver error',
        'approval_webhook.delete ok',
        'approval_webhook.delete error',
      ]),
    );
  });
});
