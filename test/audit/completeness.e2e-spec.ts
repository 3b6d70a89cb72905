import { sha256Hex, tokenHashPrefix } from '@gw/security';
import { waitFor } from '@gw/testing';
import { randomBytes } from 'node:crypto';
import { connectSandbox, createServer, INITIALIZE, rawPost, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';
import {
  apiToken,
  eventsSince,
  exportText,
  mcpSession,
  newestSeq,
  sandboxListId,
  tally,
  verify,
  type AuditEvent,
} from './support';

const N = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const rpc = (id: number, method: string, params?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params ? { params } : {}),
});

describe.each(['postgres', 'embedded'] as const)(
  'every request leaves exactly one audit row (%s)',
  (mode) => {
    // No worker and a short call budget: a call whose ClickUp request fails is answered as a queued job within a second.
    const stack = new Stack(mode, {
      sandbox: true,
      worker: false,
      env: { RETRY_CALL_BUDGET_MS: '1000', RETRY_BASE_DELAY_MS: '5000' },
    });
    let acme: string;
    let connection: string;
    let adminActor: string;

    beforeAll(async () => {
      await stack.start();
      acme = (await sandboxIds(stack)).acme;
      connection = await connectSandbox(stack);
      const tokens = await stack.rest<{ id: string; name: string }[]>('GET', '/api-tokens');
      adminActor = `token:${tokens.body[0].id}`;
    }, 120_000);
    afterAll(() => stack.stop(), 60_000);

    afterEach(async () => {
      expect(await verify(stack)).toMatchObject({ ok: true });
    });

    it('MCP requests: initialize, tools/list and tools/call (ok, error, denied), with client, session and tool set', async () => {
      const full = await createServer(stack, connection, { name: 'full', workspace_id: acme });
      const readOnly = await createServer(stack, connection, {
        name: 'read only',
        workspace_id: acme,
        config: { methods: ['read'], tags: [] },
      });
      const before = await newestSeq(stack);
      const sessions: string[] = [];
      const listed = new Map<string, string>();
      for (let i = 0; i < N; i++) {
        for (const server of [full, readOnly]) {
          const init = await rawPost(
            server.url,
            {
              ...INITIALIZE,
              params: { ...INITIALIZE.params, clientInfo: { name: 'audit-e2e', version: '2.1' } },
            },
            { 'user-agent': 'audit-suite/1.0' },
          );
          expect(init.status).toBe(200);
          const session = init.headers.get('mcp-session-id') as string;
          sessions.push(session);
          const headers = {
            'mcp-session-id': session,
            'mcp-protocol-version': '2025-06-18',
            'user-agent': 'audit-suite/1.0',
          };
          const list = await rawPost(server.url, rpc(2, 'tools/list'), headers);
          listed.set(server.id, sha256Hex(JSON.stringify(list.body?.['result'])));
          if (server === full) {
            const ok = await rawPost(
              server.url,
              rpc(3, 'tools/call', { name: 'user_me', arguments: {} }),
              headers,
            );
            expect(ok.body).toMatchObject({ result: { isError: false } });
            const invalid = await rawPost(
              server.url,
              rpc(4, 'tools/call', { name: 'task_get', arguments: { task_id: 42 } }),
              headers,
            );
            expect(invalid.body).toMatchObject({ result: { isError: true } });
          } else {
            const denied = await rawPost(
              server.url,
              rpc(5, 'tools/call', { name: 'task_create', arguments: { list_id: '1', name: 'x' } }),
              headers,
            );
            expect(denied.body).toMatchObject({ result: { isError: true } });
          }
        }
      }

      const events = await eventsSince(stack, before);
      expect(tally(events)).toEqual({
        'initialize ok': 2 * N,
        'tools/list ok': 2 * N,
        'tools/call ok': N,
        'tools/call error': N,
        'tools/call denied': N,
      });
      for (const e of events) {
        expect(e.client_name).toBe('audit-e2e');
        expect(e.client_version).toBe('2.1');
        expect(e.user_agent).toBe('audit-suite/1.0');
        expect(e.ip).toMatch(/127\.0\.0\.1$/);
        expect(e.request_id).toBeTruthy();
        expect(e.duration_ms).toBeGreaterThanOrEqual(0);
        expect(sessions).toContain(e.session_id);
        expect(e.actor).toBe(`mcp:${e.server_id}`);
        expect(e.organization_id).toMatch(UUID);
      }
      const lists = events.filter((e) => e.action === 'tools/list');
      for (const e of lists) {
        expect(e.arguments).toMatchObject({ tools_hash: listed.get(e.server_id as string) });
      }
      expect(listed.get(full.id)).not.toBe(listed.get(readOnly.id));
      const calls = (outcome: string) =>
        events.filter((e) => e.action === 'tools/call' && e.outcome === outcome);
      expect(calls('ok').map((e) => [e.server_id, e.tool, e.issue_codes])).toEqual(
        Array(N).fill([full.id, 'user_me', []]),
      );
      expect(calls('error').map((e) => [e.tool, e.issue_codes, e.arguments])).toEqual(
        Array(N).fill(['task_get', ['VALIDATION_ERROR'], { task_id: 42 }]),
      );
      expect(calls('denied').map((e) => [e.server_id, e.tool, e.issue_codes])).toEqual(
        Array(N).fill([readOnly.id, 'task_create', ['FORBIDDEN']]),
      );
    });

    it('a tools/call left on the retry queue: one queued row with its job id', async () => {
      const server = await createServer(stack, connection, { name: 'queued', workspace_id: acme });
      const session = await mcpSession(server.url);
      const listId = await sandboxListId(stack, (await sandboxIds(stack)).engineering, 'Sprint 42');
      await fetch(`${stack.sandboxUrl}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 100 }),
      });
      const before = await newestSeq(stack);
      const jobs: string[] = [];
      try {
        for (let i = 0; i < N; i++) {
          const answer = await session.call('task_create', { list_id: listId, name: `queued ${i}` });
          const envelope = answer?.structuredContent as unknown as {
            issues: { queued?: boolean; job_id?: string }[];
          };
          expect(envelope.issues[0]).toMatchObject({ queued: true, job_id: expect.any(String) });
          jobs.push(envelope.issues[0].job_id as string);
        }
      } finally {
        await fetch(`${stack.sandboxUrl}/_sandbox/faults`, { method: 'DELETE' });
      }
      const events = await eventsSince(stack, before);
      expect(tally(events)).toEqual({ 'tools/call queued': N });
      expect(events.map((e) => [e.tool, e.job_id])).toEqual(jobs.map((job) => ['task_create', job]));
      for (const e of events) expect(e.issue_codes).toContain('UPSTREAM_ERROR');
    });

    it('refused MCP URLs: an expired one is a row of its server; unknown and revoked ones belong to no chain', async () => {
      const revoked = await createServer(stack, connection, { name: 'revoked', workspace_id: acme });
      expect((await stack.rest('DELETE', `/mcp-servers/${revoked.id}`)).status).toBe(204);
      const expired = await createServer(stack, connection, {
        name: 'expired',
        workspace_id: acme,
        expires_at: new Date(Date.now() + 1500).toISOString(),
      });
      await waitFor(async () => (await rawPost(revoked.url, INITIALIZE)).status === 404, {
        what: 'revocation',
      });
      await waitFor(async () => (await rawPost(expired.url, INITIALIZE)).status === 401, { what: 'expiry' });

      const before = await newestSeq(stack);
      const unknown = Array.from({ length: N }, () => `cmcp_${randomBytes(32).toString('base64url')}`);
      for (let i = 0; i < N; i++) {
        expect((await rawPost(`${stack.baseUrl}/mcp/${unknown[i]}`, INITIALIZE)).status).toBe(404);
        expect((await rawPost(revoked.url, INITIALIZE)).status).toBe(404);
        expect((await rawPost(expired.url, rpc(2, 'tools/list'))).status).toBe(401);
      }

      // Unknown and revoked URLs name no server anyone holds: security events (test/security), not chain rows.
      const events = await eventsSince(stack, before);
      expect(tally(events)).toEqual({ 'http POST /mcp/:token denied': N });
      const prefix = (e: AuditEvent) => (e.arguments as { token_hash_prefix: string }).token_hash_prefix;
      for (const e of events) {
        expect(prefix(e)).toBe(tokenHashPrefix(expired.token));
        expect(e).toMatchObject({
          server_id: expired.id,
          actor: `mcp:${expired.id}`,
          issue_codes: ['AUTH_ERROR'],
        });
      }
      const dump = JSON.stringify(events);
      for (const token of [...unknown, revoked.token, expired.token]) {
        expect(dump).not.toContain(token);
        expect(dump).not.toContain(token.slice(5, 20));
      }
    });

    it('refused REST credentials (unknown, revoked, expired API tokens) belong to no chain and never show the token', async () => {
      const revoked = await apiToken(stack, 'admin', { name: 'to revoke' });
      expect((await stack.rest('DELETE', `/api-tokens/${revoked.id}`)).status).toBe(204);
      const expiring = await apiToken(stack, 'admin', {
        name: 'expiring',
        expires_at: new Date(Date.now() + 1500).toISOString(),
      });
      await waitFor(
        async () => (await stack.rest('GET', '/connections', undefined, expiring.token)).status === 401,
        {
          what: 'API token expiry',
        },
      );

      const before = await newestSeq(stack);
      const unknown = Array.from({ length: N }, () => `cgw_${randomBytes(24).toString('base64url')}`);
      for (let i = 0; i < N; i++) {
        for (const token of [unknown[i], revoked.token, expiring.token]) {
          expect((await stack.rest('GET', '/connections', undefined, token)).status).toBe(401);
        }
      }

      expect(await eventsSince(stack, before)).toEqual([]);
      const dump = JSON.stringify(await exportText(stack, 'jsonl'));
      for (const token of [...unknown, revoked.token, expiring.token]) expect(dump).not.toContain(token);
    });

    it('admin actions: connections, servers, rotations, users, teams, API tokens, settings, exports, verifications', async () => {
      const before = await newestSeq(stack);
      const second = await stack.rest<{ id: string }>('POST', '/connections', {
        name: 'Second',
        type: 'personal_token',
        token: 'pk_sandbox_owner',
      });
      expect(second.status).toBe(201);
      const server = await createServer(stack, second.body.id, { name: 'admin-actions', workspace_id: acme });
      expect((await stack.rest('PATCH', `/mcp-servers/${server.id}`, { name: 'renamed' })).status).toBe(200);
      const rotated = await stack.rest<{ token: string }>('POST', `/mcp-servers/${server.id}/rotate`);
      expect(rotated.status).toBe(200);
      expect((await stack.rest('DELETE', `/mcp-servers/${server.id}`)).status).toBe(204);
      const password = 'a-very-secret-password-123';
      const user = await stack.rest('POST', '/users', {
        email: `dana-${mode}@example.com`,
        name: 'Dana',
        role: 'member',
        password,
      });
      expect(user.status).toBe(201);
      expect(
        (await stack.rest('POST', '/users', { email: 'not-an-email', name: '', role: 'x' })).status,
      ).toBe(400);
      const userId = (user.body as { id: string }).id;
      expect((await stack.rest('PATCH', `/users/${userId}`, { role: 'auditor' })).status).toBe(200);
      expect((await stack.rest('PATCH', `/users/${userId}`, { disabled: true })).status).toBe(200);
      expect((await stack.rest('PATCH', `/users/${userId}`, { disabled: false })).status).toBe(200);
      const reset = await stack.rest<{ reset_url: string }>('POST', `/users/${userId}/password-reset`);
      expect(reset.status).toBe(201);
      expect((await stack.rest('POST', '/teams', { name: 'Platform' })).status).toBe(201);
      const token = await apiToken(stack, 'auditor');
      expect((await stack.rest('DELETE', `/api-tokens/${token.id}`)).status).toBe(204);
      expect((await stack.rest('PATCH', '/settings', { audit_retention_days: 400 })).status).toBe(200);
      expect((await exportText(stack, 'jsonl')).status).toBe(200);
      expect((await exportText(stack, 'csv', { outcome: 'denied' })).status).toBe(200);
      await verify(stack);
      expect((await stack.rest('DELETE', `/connections/${second.body.id}`)).status).toBe(204);
      // Plain reads are not actions.
      await stack.rest('GET', '/connections');
      await stack.rest('GET', '/settings');
      await stack.rest('GET', '/audit-events?limit=1');

      const events = await eventsSince(stack, before);
      expect(tally(events)).toEqual({
        'connections.create ok': 1,
        'mcp_servers.create ok': 1,
        'mcp_servers.update ok': 1,
        'mcp_servers.rotate ok': 1,
        'mcp_servers.revoke ok': 1,
        'users.create ok': 1,
        'users.create error': 1,
        'users.update ok': 3,
        'users.password_reset ok': 1,
        'teams.create ok': 1,
        'api_tokens.create ok': 1,
        'api_tokens.revoke ok': 1,
        'settings.update ok': 1,
        'audit.export ok': 2,
        'audit.verify ok': 1,
        'connections.remove ok': 1,
      });
      for (const e of events) {
        expect(e.actor).toBe(adminActor);
        expect(e.user_agent).toBeTruthy();
        expect(e.request_id).toBeTruthy();
      }
      const find = (action: string) => events.find((e) => e.action === action) as AuditEvent;
      expect(find('connections.create').arguments).toMatchObject({
        body: { token: '[redacted]', name: 'Second' },
      });
      expect(find('users.create').arguments).toMatchObject({
        body: { password: '[redacted]', role: 'member' },
      });
      expect(events.find((e) => e.action === 'users.create' && e.outcome === 'error')?.issue_codes).toEqual([
        'VALIDATION_ERROR',
      ]);
      expect(find('mcp_servers.rotate').arguments).toMatchObject({ params: { id: server.id } });
      expect(find('settings.update').arguments).toMatchObject({ body: { audit_retention_days: 400 } });
      const exports = events.filter((e) => e.action === 'audit.export');
      expect(exports.map((e) => e.arguments)).toEqual([
        { query: { format: 'jsonl' } },
        { query: { format: 'csv', outcome: 'denied' } },
      ]);
      const dump = JSON.stringify(events);
      expect(dump).not.toContain(new URL(reset.body.reset_url).hash.slice('#token='.length));
      for (const secret of [
        password,
        server.token,
        rotated.body.token,
        token.token,
        'pk_sandbox_owner',
        ADMIN.apiToken,
      ]) {
        expect(dump).not.toContain(secret);
      }
    });
  },
);
