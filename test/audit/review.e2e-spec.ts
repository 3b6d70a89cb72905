import { randomBytes } from 'node:crypto';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { Stack } from '../support/stack';
import {
  allEvents,
  apiToken,
  mcpSession,
  page,
  sandboxListId,
  sql,
  type AuditEvent,
  type Filters,
} from './support';

const MAX_ARGUMENTS_BYTES = 16 * 1024;

describe.each(['postgres', 'embedded'] as const)('reviewing the audit log (%s)', (mode) => {
  const stack = new Stack(mode, { sandbox: true, worker: false });
  let listId: string;
  let acme: string;
  let connection: string;

  beforeAll(async () => {
    await stack.start();
    const ids = await sandboxIds(stack);
    acme = ids.acme;
    listId = await sandboxListId(stack, ids.engineering, 'Sprint 42');
    connection = await connectSandbox(stack);
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  describe('redaction and limits', () => {
    it('redacts secrets, caps arguments at 16 KB with a marker, and keeps agent text as data', async () => {
      const server = await createServer(stack, connection, { workspace_id: acme });
      const session = await mcpSession(server.url);
      const secret = 'pk_81234567_SECRETSECRETSECRET';
      const markup = '<img src=x onerror=alert(1)>';
      const created = await session.call('task_create', {
        list_id: listId,
        name: markup,
        description: `Log in with ${secret}, or send Bearer abcdefghijklmnopqrstuvwxyz0123`,
      });
      expect(created?.structuredContent.ok).toBe(true);
      await session.call('task_create', {
        list_id: listId,
        name: 'big one',
        description: 'y'.repeat(40_000),
      });

      const [big, small] = await allEvents(stack, { tool: 'task_create' });
      expect(small.arguments).toEqual({
        list_id: listId,
        name: markup,
        description: 'Log in with [redacted], or send [redacted]',
      });
      expect(big.arguments).toMatchObject({ _truncated: true, _original_bytes: expect.any(Number) });
      expect((big.arguments as { _original_bytes: number })._original_bytes).toBeGreaterThan(40_000);
      expect(Buffer.byteLength(JSON.stringify(big.arguments))).toBeLessThanOrEqual(MAX_ARGUMENTS_BYTES);

      // Stored as the agent wrote it (no escaping into HTML), and the secret is nowhere in the table.
      const [stored] = await sql<{ name: string }>(
        stack,
        "SELECT arguments->>'name' AS name FROM audit_events WHERE id = $1",
        [small.id],
      );
      expect(stored.name).toBe(markup);
      const leaks = await sql(stack, 'SELECT id FROM audit_events WHERE arguments::text LIKE $1', [
        `%${secret}%`,
      ]);
      expect(leaks).toEqual([]);
      const single = await stack.rest<AuditEvent>('GET', `/audit-events/${small.id}`);
      expect(single.body.arguments).toEqual(small.arguments);
    });

    it('records text a database would refuse (NUL, lone surrogates) without losing the call or the chain', async () => {
      const server = await createServer(stack, connection, { workspace_id: acme });
      const session = await mcpSession(server.url, { name: 'odd\u0000client', version: '1' });
      const result = await session.call('task_get', { task_id: 'a\u0000b\ud800c' });
      expect(result).toBeDefined();
      const [event] = await allEvents(stack, { server_id: server.id, tool: 'task_get' });
      expect(event.arguments).toEqual({ task_id: 'a\uFFFDb\uFFFDc' });
      expect(event.client_name).toBe('odd\uFFFDclient');
      expect((await stack.rest('GET', '/audit-events/verify')).body).toMatchObject({ ok: true });
    });
  });

  describe('filters and pagination', () => {
    let events: AuditEvent[];
    let serverA: string;
    let serverB: string;
    let teamId: string;
    let adminActor: string;

    beforeAll(async () => {
      const team = await stack.rest<{ id: string }>('POST', '/teams', { name: `Reviewers ${mode}` });
      teamId = team.body.id;
      const a = await createServer(stack, connection, { name: 'A', workspace_id: acme, team_id: teamId });
      const b = await createServer(stack, connection, {
        name: 'B',
        workspace_id: acme,
        config: { methods: ['read'], tags: [] },
      });
      [serverA, serverB] = [a.id, b.id];
      const claude = await mcpSession(a.url, { name: 'claude-ai', version: '1' });
      const cursor = await mcpSession(b.url, { name: 'cursor', version: '2' });
      await claude.call('user_me', {});
      await claude.call('task_get', { task_id: 'Needle-Alpha' });
      await claude.call('task_get', { task_id: '100% done' });
      await claude.call('task_get', { task_id: '100x done' });
      await claude.call('task_get', { task_id: 'under_score' });
      await claude.list();
      await cursor.call('task_create', { list_id: listId, name: 'NEEDLE-beta' });
      await cursor.call('user_me', {});
      await cursor.call('task_get', { task_id: 42 });
      const admin = await apiToken(stack, 'admin');
      adminActor = `token:${admin.id}`;
      await stack.rest('POST', '/teams', { name: 'needle team' }, admin.token);
      await stack.rest('POST', '/maintenance/session-cleanup', undefined, admin.token);
      events = await allEvents(stack);
    });

    const matching = (predicate: (e: AuditEvent) => boolean) => events.filter(predicate).map((e) => e.id);
    const listed = async (filters: Filters) => (await allEvents(stack, filters)).map((e) => e.id);

    it('filters by each field alone, exactly', async () => {
      const cases: [Filters, (e: AuditEvent) => boolean][] = [
        [{ server_id: serverA }, (e) => e.server_id === serverA],
        [{ server_id: serverB }, (e) => e.server_id === serverB],
        [{ team_id: teamId }, (e) => e.team_id === teamId],
        [{ tool: 'task_get' }, (e) => e.tool === 'task_get'],
        [{ outcome: 'denied' }, (e) => e.outcome === 'denied'],
        [{ outcome: 'error' }, (e) => e.outcome === 'error'],
        [{ actor: adminActor }, (e) => e.actor === adminActor],
        [{ actor: `mcp:${serverB}` }, (e) => e.actor === `mcp:${serverB}`],
        [{ action: 'tools/list' }, (e) => e.action === 'tools/list'],
        [{ client: 'cursor' }, (e) => e.client_name === 'cursor'],
        [{ q: 'needle' }, (e) => /needle/i.test(JSON.stringify(e.arguments))],
        [{ q: '100%' }, (e) => JSON.stringify(e.arguments).includes('100%')],
        [{ q: 'under_' }, (e) => JSON.stringify(e.arguments).includes('under_')],
      ];
      for (const [filters, predicate] of cases) {
        const expected = matching(predicate);
        expect({ filters, ids: await listed(filters) }).toEqual({ filters, ids: expected });
        expect(expected.length).toBeGreaterThan(0);
      }
    });

    it('filters by time range (from inclusive, to exclusive)', async () => {
      const ordered = [...events].sort((x, y) => x.seq - y.seq);
      const from = ordered[Math.floor(ordered.length / 3)].at;
      const to = ordered[Math.floor((2 * ordered.length) / 3)].at;
      const ids = await listed({ from, to });
      expect(ids).toEqual(matching((e) => e.at >= from && e.at < to));
      expect(ids.length).toBeGreaterThan(0);
    });

    it('combines filters with AND', async () => {
      const cases: [Filters, (e: AuditEvent) => boolean][] = [
        [{ server_id: serverA, tool: 'task_get' }, (e) => e.server_id === serverA && e.tool === 'task_get'],
        [
          { client: 'cursor', outcome: 'denied', q: 'needle' },
          (e) =>
            e.client_name === 'cursor' &&
            e.outcome === 'denied' &&
            /needle/i.test(JSON.stringify(e.arguments)),
        ],
        [
          { actor: adminActor, action: 'maintenance.sessionCleanup' },
          (e) => e.actor === adminActor && e.action === 'maintenance.sessionCleanup',
        ],
        [{ server_id: serverB, outcome: 'ok', tool: 'task_get' }, () => false],
      ];
      for (const [filters, predicate] of cases) {
        expect({ filters, ids: await listed(filters) }).toEqual({ filters, ids: matching(predicate) });
      }
    });

    it('refuses malformed filters with 400', async () => {
      for (const query of [
        'outcome=maybe',
        'server_id=nope',
        'from=yesterday',
        'limit=0',
        'limit=501',
        'cursor=abc',
        `job_id=${'a'.repeat(201)}`,
      ]) {
        expect((await stack.rest('GET', `/audit-events?${query}`)).status).toBe(400);
      }
    });

    it('pages stably while new rows arrive: no duplicates, no skips', async () => {
      // Admin actions make the new rows (an unknown MCP URL is a security event now, not an audit row).
      const addTeam = () => stack.rest('POST', '/teams', { name: `Team ${randomBytes(6).toString('hex')}` });
      for (let i = 0; i < 6; i++) {
        await Promise.all(Array.from({ length: 10 }, addTeam));
      }
      const top = (await page(stack, { limit: 1 })).items[0].seq;
      let writing = true;
      const writer = (async () => {
        let n = 0;
        while (writing) {
          await addTeam();
          n += 1;
        }
        return n;
      })();
      const seen: AuditEvent[] = [];
      let cursor: string | undefined;
      for (;;) {
        const body = await page(stack, { limit: 5, cursor });
        seen.push(...body.items);
        if (!body.next_cursor) break;
        cursor = body.next_cursor;
        await new Promise((r) => setTimeout(r, 10));
      }
      writing = false;
      expect(await writer).toBeGreaterThan(5);
      expect((await page(stack, { limit: 1 })).items[0].seq).toBeGreaterThan(top);
      const ids = seen.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const existing = await allEvents(stack, { to: new Date(Date.now() + 60_000).toISOString() });
      const expected = existing.filter((e) => e.seq <= top).map((e) => e.id);
      expect(ids.filter((_, i) => seen[i].seq <= top)).toEqual(expected);
      const seqs = seen.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    });
  });
});
