import { randomUUID } from 'node:crypto';
import { INITIALIZE, rawPost } from '../support/mcp';
import { Stack } from '../support/stack';
import { apiToken, exportText, page, verify, type AuditEvent } from './support';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/**
 * Routes anyone may call for themselves: signing in and out change no shared state, and a password-reset link is
 * spent by whoever holds it (the route is public; the link is the credential).
 */
const OWN_SESSION = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password-reset',
]);

describe('who may read the audit log, and that nobody can change it through the API', () => {
  const stack = new Stack('postgres', { worker: false });
  let auditor: { id: string; token: string };
  let member: { id: string; token: string };
  let event: AuditEvent;

  beforeAll(async () => {
    await stack.start();
    await rawPost(`${stack.baseUrl}/mcp/cmcp_${'r'.repeat(43)}`, INITIALIZE);
    auditor = await apiToken(stack, 'auditor');
    member = await apiToken(stack, 'member');
    event = (await page(stack, { limit: 1 })).items[0];
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('lets an auditor list, read, export and verify', async () => {
    expect((await page(stack, {}, auditor.token)).items.length).toBeGreaterThan(0);
    expect((await stack.rest('GET', `/audit-events/${event.id}`, undefined, auditor.token)).body).toEqual(
      event,
    );
    expect((await exportText(stack, 'jsonl', {}, auditor.token)).status).toBe(200);
    expect((await exportText(stack, 'csv', {}, auditor.token)).status).toBe(200);
    expect(await verify(stack, auditor.token)).toMatchObject({ ok: true });
    expect((await stack.rest('GET', '/settings', undefined, auditor.token)).status).toBe(200);
    const mine = await page(stack, { actor: `token:${auditor.id}` });
    expect(mine.items.map((e) => e.action).sort()).toEqual(['audit.export', 'audit.export', 'audit.verify']);
  });

  it('refuses an auditor every change anywhere in the REST API, and records each refusal', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApi;
    const changes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(changes.length).toBeGreaterThan(10);
    const allowed: string[] = [];
    let refused = 0;
    for (const change of changes.filter((c) => !OWN_SESSION.has(c))) {
      const [method, template] = change.split(' ');
      const path = template.replace(/\{[^}]+\}/g, randomUUID()).replace(/^\/api\/v1/, '');
      const res = await stack.rest(method, path, method === 'DELETE' ? undefined : {}, auditor.token);
      if (res.status === 403) refused += 1;
      else allowed.push(`${change} → ${res.status}`);
    }
    expect(allowed).toEqual([]);
    const denials = await page(stack, { actor: `token:${auditor.id}`, outcome: 'denied', limit: 500 });
    expect(denials.items).toHaveLength(refused);
    for (const e of denials.items) expect(e.issue_codes).toEqual(['FORBIDDEN']);
  });

  it('offers no way to edit or delete an audit event, whatever the role', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/audit-events', `/audit-events/${event.id}`]) {
        const res = await stack.rest(method, path, method === 'DELETE' ? undefined : { outcome: 'ok' });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      }
    }
    expect((await stack.rest('GET', `/audit-events/${event.id}`)).body).toEqual(event);
    expect(await verify(stack)).toMatchObject({ ok: true });
  });

  it('keeps the audit log from members', async () => {
    for (const path of [
      '/audit-events',
      `/audit-events/${event.id}`,
      '/audit-events/export',
      '/audit-events/verify',
    ]) {
      expect({ path, status: (await stack.rest('GET', path, undefined, member.token)).status }).toEqual({
        path,
        status: 403,
      });
    }
    expect((await stack.rest('PATCH', '/settings', { audit_retention_days: 1 }, member.token)).status).toBe(
      403,
    );
    expect(
      (await stack.rest<{ audit_retention_days: number }>('GET', '/settings')).body.audit_retention_days,
    ).toBe(365);
  });

  it('validates the retention setting', async () => {
    for (const days of [0, 3651, 1.5, '30']) {
      expect((await stack.rest('PATCH', '/settings', { audit_retention_days: days })).status).toBe(400);
    }
    const res = await stack.rest('PATCH', '/settings', { audit_retention_days: 3650 });
    expect(res.body).toMatchObject({ audit_retention_days: 3650 });
  });
});
