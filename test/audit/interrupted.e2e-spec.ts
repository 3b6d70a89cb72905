import { AppProcess, cutOffDatabase, freePort, restoreDatabase } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import { connectSandbox, createServer, INITIALIZE, rawPost, sandboxIds } from '../support/mcp';
import { Stack } from '../support/stack';
import { allEvents, mcpSession, sandboxListId, sql, verify, type AuditEvent } from './support';

/** Short, so the suite is bounded: a stopped api's calls are recorded within this plus one sweep. */
const STALE_SECONDS = 3;

describe('a write call whose api dies mid-call still gets its audit row (postgres+redis)', () => {
  const stack = new Stack('postgres+redis', {
    sandbox: true,
    env: { AUDIT_INTERRUPTED_AFTER_SECONDS: String(STALE_SECONDS) },
  });
  let url: string;
  let listId: string;
  let second: AppProcess | undefined;

  beforeAll(async () => {
    await stack.start();
    const { acme, engineering } = await sandboxIds(stack);
    url = (await createServer(stack, await connectSandbox(stack), { workspace_id: acme })).url;
    listId = await sandboxListId(stack, engineering, 'Sprint 42');
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await stack.stop();
  }, 60_000);

  /** Holds the next task creation's answer in the sandbox (the task is created at once), as a slow ClickUp would. */
  async function holdNextCreate(ms: number): Promise<void> {
    const res = await fetch(`${stack.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/api/v2/list/*/task', delay_ms: ms }),
    });
    expect(res.status).toBe(201);
  }

  async function holdRead(ms: number): Promise<void> {
    const res = await fetch(`${stack.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', path: '/api/v2/task/', delay_ms: ms }),
    });
    expect(res.status).toBe(201);
  }

  async function createdInClickUp(name: string): Promise<boolean> {
    const res = await fetch(`${stack.sandboxUrl}/api/v2/list/${listId}/task`, {
      headers: { authorization: 'pk_sandbox_owner' },
    });
    const { tasks } = (await res.json()) as { tasks: { name: string }[] };
    return tasks.some((t) => t.name === name);
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const rowsOf = async (name: string): Promise<AuditEvent[]> =>
    allEvents(stack, { action: 'tools/call', tool: 'task_create', q: name });
  const markers = async () =>
    Number((await sql<{ n: string }>(stack, 'SELECT count(*) AS n FROM calls_in_flight'))[0].n);

  it('a call that finishes leaves its own row, no marker and no INTERRUPTED row; reads write no marker', async () => {
    const name = `finished-${randomUUID()}`;
    const session = await mcpSession(url);
    expect((await session.call('task_create', { list_id: listId, name }))?.structuredContent.ok).toBe(true);
    // A read held in ClickUp has no marker: reads pay nothing for this.
    await holdRead(1_500);
    const read = session.call('task_get', { task_id: 'nonexistent' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await markers()).toBe(0);
    expect((await read)?.structuredContent).toBeDefined();

    const rows = await rowsOf(name);
    expect(rows.map((r) => [r.outcome, r.issue_codes])).toEqual([['ok', []]]);
    await until('the marker removal', async () => ((await markers()) === 0 ? true : undefined), 5_000);
  });

  it('records a write cut by SIGKILL as INTERRUPTED once, though two apis sweep, and the chain still verifies', async () => {
    const name = `cut-${randomUUID()}`;
    const session = await mcpSession(url);
    await holdNextCreate(60_000);
    const call = session.call('task_create', { list_id: listId, name }).catch(() => undefined);
    await until(
      'the write reaching ClickUp',
      async () => ((await createdInClickUp(name)) ? true : undefined),
      20_000,
    );
    expect(await markers()).toBe(1);

    await stack.api.stop('SIGKILL');
    const killedAt = Date.now();
    await call;
    expect(await rowsOf(name).catch(() => [])).toEqual([]);

    // Two apis come up and both sweep: the cut call still gets exactly one row.
    const port = await freePort();
    second = AppProcess.start('api', { ...stack.env(), PORT: String(port) });
    await Promise.all([stack.startApi(), second.waitForLine(/^api listening on/, 120_000)]);
    const [row] = await until(
      'the INTERRUPTED row',
      async () => {
        const rows = await rowsOf(name);
        return rows.length > 0 ? rows : undefined;
      },
      STALE_SECONDS * 1000 * 3 + 10_000,
    );
    const recordedAfterMs = Date.now() - killedAt;

    await new Promise((r) => setTimeout(r, STALE_SECONDS * 1000));
    const rows = await rowsOf(name);
    expect(rows).toHaveLength(1);
    expect(row).toMatchObject({
      outcome: 'error',
      issue_codes: ['INTERRUPTED'],
      tool: 'task_create',
      arguments: {
        arguments: { list_id: listId, name },
        reason: expect.stringContaining('ClickUp may have applied it — check before retrying'),
      },
    });
    expect(await markers()).toBe(0);
    expect(await verify(stack)).toMatchObject({ ok: true });
    console.log(
      `INTERRUPTED row recorded ${recordedAfterMs} ms after the SIGKILL (staleness ${STALE_SECONDS} s, two api restarts included)`,
    );
    await second.stop();
    second = undefined;
  });

  it('a SIGTERM lets a write in flight finish and record its own row', async () => {
    const name = `drained-${randomUUID()}`;
    const session = await mcpSession(url);
    await holdNextCreate(3_000);
    const call = session.call('task_create', { list_id: listId, name });
    await until(
      'the write reaching ClickUp',
      async () => ((await createdInClickUp(name)) ? true : undefined),
      20_000,
    );
    const stopping = stack.api.stop('SIGTERM', 20_000);

    expect((await call)?.structuredContent.ok).toBe(true);
    // Exit 0 on its own, well before the 20 s after which it would have been SIGKILLed.
    expect(await stopping).toBe(0);
    expect(await markers()).toBe(0);
    await stack.startApi();
    await new Promise((r) => setTimeout(r, STALE_SECONDS * 1000));
    expect((await rowsOf(name)).map((r) => [r.outcome, r.issue_codes])).toEqual([['ok', []]]);
  });

  /** A session opened the raw way, for calls whose HTTP status matters. */
  async function sessionHeaders(): Promise<Record<string, string>> {
    const init = await rawPost(url, INITIALIZE);
    return { 'mcp-session-id': init.headers.get('mcp-session-id') as string };
  }

  it('refuses a write it cannot mark, unrun, while the database is gone', async () => {
    const name = `unmarked-${randomUUID()}`;
    const headers = await sessionHeaders();
    await cutOffDatabase(stack.databaseName as string);
    let res: Awaited<ReturnType<typeof rawPost>>;
    try {
      res = await rawPost(
        url,
        {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: { name: 'task_create', arguments: { list_id: listId, name } },
        },
        headers,
      );
    } finally {
      await restoreDatabase(stack.databaseName as string);
    }
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).toContain('this call was not run and nothing was changed');
    expect(await createdInClickUp(name)).toBe(false);
  });

  it('records a write whose own row could not be committed as INTERRUPTED once the database is back', async () => {
    const name = `unrecorded-${randomUUID()}`;
    const headers = await sessionHeaders();
    await holdNextCreate(2_000);
    const call = rawPost(
      url,
      {
        jsonrpc: '2.0',
        id: 8,
        method: 'tools/call',
        params: { name: 'task_create', arguments: { list_id: listId, name } },
      },
      headers,
    );
    await until(
      'the write reaching ClickUp',
      async () => ((await createdInClickUp(name)) ? true : undefined),
      20_000,
    );
    await cutOffDatabase(stack.databaseName as string);
    let answer: Awaited<typeof call>;
    try {
      answer = await call;
    } finally {
      await restoreDatabase(stack.databaseName as string);
    }
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toContain('A write may have been applied');

    const [row] = await until(
      'the INTERRUPTED row',
      async () => {
        const rows = await rowsOf(name);
        return rows.length > 0 ? rows : undefined;
      },
      STALE_SECONDS * 1000 + 10_000,
    );
    expect(row).toMatchObject({ outcome: 'error', issue_codes: ['INTERRUPTED'] });
    await new Promise((r) => setTimeout(r, STALE_SECONDS * 1000));
    expect(await rowsOf(name)).toHaveLength(1);
    expect(await markers()).toBe(0);
    // The audit writer's own connection is back too: this very request appends an admin row.
    expect(await verify(stack)).toMatchObject({ ok: true });
  });
});
