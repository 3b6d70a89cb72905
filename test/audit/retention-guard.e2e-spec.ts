import { Stack } from '../support/stack';
import { apiToken, page } from './support';

interface Settings {
  audit_retention_days: number;
  audit_retention_min_days: number;
}

describe('the audit retention cannot be used to erase the history', () => {
  const stack = new Stack('postgres', { worker: false });
  let admin: { id: string; token: string };

  beforeAll(async () => {
    await stack.start();
    admin = await apiToken(stack, 'admin');
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  const retention = async () => (await stack.rest<Settings>('GET', '/settings')).body;

  it('refuses a period below the floor of 30 days, and says which floor', async () => {
    expect(await retention()).toEqual(
      expect.objectContaining({ audit_retention_days: 365, audit_retention_min_days: 30 }),
    );
    for (const days of [1, 29]) {
      const res = await stack.rest<{ message: string[] }>('PATCH', '/settings', {
        audit_retention_days: days,
        confirm_audit_retention_days: days,
      });
      expect(res.status).toBe(400);
      expect(res.body.message.join(' ')).toContain('at least 30');
    }
    expect((await retention()).audit_retention_days).toBe(365);
  });

  it('lets only the owner change the retention or run it', async () => {
    const patch = await stack.rest(
      'PATCH',
      '/settings',
      { audit_retention_days: 30, confirm_audit_retention_days: 30 },
      admin.token,
    );
    expect(patch.status).toBe(403);
    expect((await stack.rest('POST', '/settings/audit-retention/run', undefined, admin.token)).status).toBe(
      403,
    );
    expect((await retention()).audit_retention_days).toBe(365);
    const refusals = await page(stack, { actor: `token:${admin.id}`, outcome: 'denied' });
    expect(refusals.items.map((e) => e.action).sort()).toEqual([
      'http PATCH /api/v1/settings',
      'http POST /api/v1/settings/audit-retention/run',
    ]);
  });

  it('shortens the retention only when the owner repeats the new period', async () => {
    const unconfirmed = await stack.rest<{ message: string[] }>('PATCH', '/settings', {
      audit_retention_days: 90,
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.message.join(' ')).toContain('confirm_audit_retention_days: 90');
    const mistyped = await stack.rest('PATCH', '/settings', {
      audit_retention_days: 90,
      confirm_audit_retention_days: 9,
    });
    expect(mistyped.status).toBe(400);
    expect((await retention()).audit_retention_days).toBe(365);

    const confirmed = await stack.rest<Settings>('PATCH', '/settings', {
      audit_retention_days: 90,
      confirm_audit_retention_days: 90,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.audit_retention_days).toBe(90);
    // Keeping events longer erases nothing and needs no confirmation.
    expect((await stack.rest('PATCH', '/settings', { audit_retention_days: 400 })).status).toBe(200);
    expect((await retention()).audit_retention_days).toBe(400);
  });
});
