import { ClickUpClient, ClickUpError, ClickUpTransport } from '@gw/clickup-client';
import { ClickUpStub, rateHeaders, taskBody } from '../../testing/clickup-stub';
import { MemoryBudgetStore } from '../budget/memory-budget-store';
import { RateBudgets } from '../budget/rate-budgets';
import { CallHandedOff } from './call-handed-off';
import { InlineCall } from './inline-call';

const LIST = { id: '1', name: 'List', space: { id: '3' }, folder: { id: '2', name: 'F' } };
const failure = (status: number) => ({ status, body: { err: 'ClickUp is down', ECODE: 'X_001' } });

describe('InlineCall', () => {
  let stub: ClickUpStub;
  let budgets: RateBudgets;
  const upstream = new ClickUpTransport();

  beforeEach(async () => {
    stub = await new ClickUpStub(() => ({ status: 200, body: {} })).start();
    budgets = new RateBudgets(new MemoryBudgetStore());
  });
  afterEach(() => stub.close());

  function call(durable: boolean, budgetMs = 5000, fingerprint = `token-${Math.random()}`) {
    const inline = new InlineCall({
      upstream,
      budgets,
      fingerprint,
      deadline: Date.now() + budgetMs,
      durable,
      backoff: { baseMs: 40, capMs: 100 },
    });
    const client = new ClickUpClient({
      baseUrl: stub.baseUrl,
      credential: { kind: 'personal', token: 'pk_test_token' },
      transport: inline.transport,
    });
    return { inline, client };
  }

  it('retries a read that fails within the call budget, and answers once it works', async () => {
    let failures = 2;
    stub.answer(() =>
      failures-- > 0
        ? failure(503)
        : { status: 200, body: taskBody('t1', 'Fixed'), headers: rateHeaders(100, 90) },
    );
    const { inline, client } = call(false);
    const { data } = await client.tasks.get('t1');
    expect(data.name).toBe('Fixed');
    expect(stub.sent('GET', /^\/api\/v2\/task\/t1$/)).toHaveLength(3);
    expect(inline.handOff).toBeNull();
  });

  it('reports a read that still fails when the budget ends, with the upstream status', async () => {
    stub.answer(() => failure(502));
    const { client } = call(false, 300);
    const error = (await client.tasks.get('t1').catch((e: unknown) => e)) as ClickUpError;
    expect(error).toBeInstanceOf(ClickUpError);
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.upstreamStatus).toBe(502);
    expect(error.message).toMatch(/end of this call's retry budget/);
    expect(stub.requests.length).toBeGreaterThan(1);
  });

  it('waits for the reset after a 429 on a read when the reset is within the budget', async () => {
    let limited = true;
    stub.answer(() => {
      if (!limited)
        return { status: 200, body: taskBody('t1', 'After reset'), headers: rateHeaders(100, 99) };
      limited = false;
      return {
        status: 429,
        body: { err: 'Rate limit reached', ECODE: 'APP_002' },
        headers: rateHeaders(100, 0, 1000),
      };
    });
    const started = Date.now();
    const { data } = await call(false).client.tasks.get('t1');
    expect(data.name).toBe('After reset');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('sends a write again after a 429 (which applied nothing) once the reset comes within the budget', async () => {
    let limited = true;
    stub.answer(() => {
      if (!limited) return { status: 200, body: taskBody('t2', 'Created'), headers: rateHeaders(100, 99) };
      limited = false;
      return {
        status: 429,
        body: { err: 'Rate limit reached', ECODE: 'APP_002' },
        headers: rateHeaders(100, 0, 1000),
      };
    });
    const { inline, client } = call(true);
    expect((await client.tasks.create('1', { name: 'Created' })).data.id).toBe('t2');
    expect(inline.handOff).toBeNull();
    expect(stub.sent('POST', /\/task$/)).toHaveLength(2);
  });

  it('hands a write that failed after it was sent to the queue, with what the call did before', async () => {
    stub.answer((r) =>
      r.method === 'GET' ? { status: 200, body: LIST, headers: rateHeaders(100, 99) } : failure(500),
    );
    const { inline, client } = call(true);
    await client.lists.get('1');
    await expect(client.tasks.create('1', { name: 'New' })).rejects.toBeInstanceOf(CallHandedOff);
    await inline.settled();
    expect(inline.handOff).toMatchObject({ reason: 'upstream_error' });
    const journal = inline.snapshot();
    expect(journal.reads).toHaveLength(1);
    expect(journal.writes).toEqual([
      expect.objectContaining({ state: 'unknown', first_sent_at: expect.any(Number) }),
    ]);
    // Sent once: whether it was applied is for the queue to find out, not for a second send.
    expect(stub.sent('POST', /\/task$/)).toHaveLength(1);
    // Once handed off, the call makes no more requests.
    await expect(client.lists.get('1')).rejects.toBeInstanceOf(CallHandedOff);
  });

  it('does not wait for a permit that comes after the budget: a read says when, a write is queued unsent', async () => {
    let remaining = 2;
    stub.answer(() => ({
      status: 200,
      body: LIST,
      headers: rateHeaders(2, Math.max(0, --remaining), 60_000),
    }));
    const first = call(false, 5000, 'spent-token');
    await first.client.lists.get('1');
    await first.client.lists.get('1');

    // The token's two requests of this minute are spent: a read gives up at once and says when to come back.
    const started = Date.now();
    const error = (await call(false, 5000, 'spent-token')
      .client.lists.get('1')
      .catch((e: unknown) => e)) as ClickUpError;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'RATE_LIMIT' });
    expect(error.retryAfterMs).toBeGreaterThan(50_000);

    // A write is queued without being sent.
    const write = call(true, 5000, 'spent-token');
    await expect(write.client.tasks.create('1', { name: 'Later' })).rejects.toBeInstanceOf(CallHandedOff);
    expect(write.inline.handOff).toMatchObject({ reason: 'rate_limit', error: null });
    expect(write.inline.snapshot().writes).toEqual([
      expect.objectContaining({ state: 'not_applied', first_sent_at: null }),
    ]);
    expect(stub.requests).toHaveLength(2);
  });
});
