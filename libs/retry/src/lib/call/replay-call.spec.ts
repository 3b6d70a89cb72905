import { ClickUpClient, ClickUpTransport, requestBuilders } from '@gw/clickup-client';
import type { CallJournal } from '@gw/queue';
import {
  ClickUpStub,
  rateHeaders,
  taskBody,
  type StubAnswer,
  type StubRequest,
} from '../../testing/clickup-stub';
import { MemoryBudgetStore } from '../budget/memory-budget-store';
import { RateBudgets } from '../budget/rate-budgets';
import { ReplayCall } from './replay-call';
import { requestKey } from './request-kinds';

const USER = 7;
const ok = (body: unknown): StubAnswer => ({ status: 200, body, headers: rateHeaders(100, 90) });

describe('ReplayCall', () => {
  let stub: ClickUpStub;
  let journal: CallJournal;
  let persisted: CallJournal[];
  const upstream = new ClickUpTransport();

  beforeEach(async () => {
    stub = await new ClickUpStub(() => ok({})).start();
    journal = { reads: [], writes: [] };
    persisted = [];
  });
  afterEach(() => stub.close());

  function replay(route: (request: StubRequest) => StubAnswer, mayProceed?: () => Promise<boolean>) {
    stub.answer(route);
    const call = new ReplayCall({
      upstream,
      budgets: new RateBudgets(new MemoryBudgetStore()),
      fingerprint: 'token',
      journal,
      persist: async (j) => void persisted.push(structuredClone(j)),
      userId: USER,
      queuedAt: Date.now() - 5000,
      mayProceed,
    });
    const client = new ClickUpClient({
      baseUrl: stub.baseUrl,
      credential: { kind: 'personal', token: 'pk_test_token' },
      transport: call.transport,
    });
    return { call, client };
  }

  it('answers what the call already did from its journal, and sends none of it again', async () => {
    journal.reads.push({
      key: requestKey(requestBuilders.lists.get('1')),
      answer: { status: 200, body: { id: '1', name: 'Sprint', space: { id: '3' } } },
    });
    journal.writes.push({
      request: requestBuilders.tasks.create('1', { name: 'Done before' }),
      first_sent_at: Date.now() - 4000,
      state: 'done',
      answer: { status: 200, body: taskBody('t9', 'Done before') },
    });
    const { client } = replay(() => ok({}));
    expect((await client.lists.get('1')).data.name).toBe('Sprint');
    expect((await client.tasks.create('1', { name: 'Done before' })).data.id).toBe('t9');
    expect(stub.requests).toHaveLength(0);
  });

  it('finds a create that may have been applied instead of sending it again', async () => {
    const since = Date.now() - 3000;
    journal.writes.push({
      request: requestBuilders.tasks.create('1', { name: 'Maybe made' }),
      first_sent_at: since,
      state: 'unknown',
    });
    const { call, client } = replay((r) =>
      r.path === '/api/v2/list/1/task'
        ? ok({
            tasks: [taskBody('t5', 'Maybe made', { date_created: String(since + 200) })],
            last_page: true,
          })
        : r.path === '/api/v2/task/t5'
          ? ok(taskBody('t5', 'Maybe made'))
          : { status: 500 },
    );
    expect((await client.tasks.create('1', { name: 'Maybe made' })).data.id).toBe('t5');
    expect(stub.sent('POST', /./)).toHaveLength(0);
    // It looked only at tasks made since the first send (less the clock slack).
    expect(Number(stub.requests[0].query.get('date_created_gt'))).toBeLessThan(since);
    expect(call.deduplicated).toBe(1);
    expect(persisted.at(-1)?.writes[0].state).toBe('done');
  });

  it("sends a create that was not applied, once, when the only match is another user's or older", async () => {
    const since = Date.now() - 3000;
    journal.writes.push({
      request: requestBuilders.tasks.create('1', { name: 'Not made' }),
      first_sent_at: since,
      state: 'unknown',
    });
    const { call, client } = replay((r) =>
      r.method === 'GET'
        ? ok({
            tasks: [
              taskBody('t1', 'Not made', { creator: { id: 8 }, date_created: String(since + 100) }),
              taskBody('t2', 'Not made', { date_created: String(since - 60_000) }),
            ],
            last_page: true,
          })
        : ok(taskBody('t6', 'Not made')),
    );
    expect((await client.tasks.create('1', { name: 'Not made' })).data.id).toBe('t6');
    expect(stub.sent('POST', /\/list\/1\/task$/)).toHaveLength(1);
    expect(call.deduplicated).toBe(0);
    // Journaled as possibly applied before it went out, and as done when it came back.
    expect(persisted.map((j) => j.writes[0].state)).toEqual(['unknown', 'done']);
  });

  it('finds a comment posted by an earlier attempt among the newest comments', async () => {
    const since = Date.now() - 2000;
    journal.writes.push({
      request: requestBuilders.comments.createOnTask('t1', { comment_text: 'Hello', notify_all: false }),
      first_sent_at: since,
      state: 'unknown',
    });
    const { client } = replay(() =>
      ok({
        comments: [
          { id: '91', comment_text: 'Hello', user: { id: USER }, date: String(since + 50), comment: [] },
          { id: '90', comment_text: 'Hello', user: { id: USER }, date: String(since - 90_000), comment: [] },
        ],
      }),
    );
    expect(
      (await client.comments.createOnTask('t1', { comment_text: 'Hello', notify_all: false })).data.id,
    ).toBe('91');
    expect(stub.sent('POST', /./)).toHaveLength(0);
  });

  it('counts a replayed delete that finds nothing left to delete as done', async () => {
    journal.writes.push({
      request: requestBuilders.tasks.delete('t3'),
      first_sent_at: Date.now(),
      state: 'unknown',
    });
    const { call, client } = replay(() => ({
      status: 404,
      body: { err: 'Task not found', ECODE: 'ITEM_015' },
    }));
    await client.tasks.delete('t3');
    expect(call.stop).toBeNull();
    expect(journal.writes[0].state).toBe('done');
  });

  it('ends the attempt on a 5xx, keeping the write as possibly applied', async () => {
    const { call, client } = replay(() => ({ status: 503, body: { err: 'down', ECODE: 'X' } }));
    await expect(client.tasks.update('t3', { name: 'Renamed' })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(call.stop).toMatchObject({ kind: 'retry' });
    expect(journal.writes[0]).toMatchObject({ state: 'unknown', first_sent_at: expect.any(Number) });
  });

  it('refuses to go on when the call takes another path than before, and when a create cannot be checked', async () => {
    journal.writes.push({
      request: requestBuilders.tasks.create('1', { name: 'Here' }),
      first_sent_at: Date.now(),
      state: 'done',
      answer: { status: 200, body: taskBody('t1', 'Here') },
    });
    const moved = replay(() => ok({}));
    await expect(moved.client.tasks.create('2', { name: 'Here' })).rejects.toThrow(/another path/);
    expect(moved.call.stop).toMatchObject({ kind: 'unrecoverable' });

    journal = { reads: [], writes: [] };
    journal.writes.push({
      request: requestBuilders.checklists.createItem('c1', { name: 'Step' }),
      first_sent_at: Date.now(),
      state: 'unknown',
    });
    const unchecked = replay(() => ok({}));
    await expect(unchecked.client.checklists.createItem('c1', { name: 'Step' })).rejects.toThrow(
      /no way to check/,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it('stops before the next request goes out once it may not proceed (its client cancelled it)', async () => {
    let cancelled = false;
    const { call, client } = replay(
      (r) =>
        r.method === 'GET' ? ok({ id: '1', name: 'Sprint', space: { id: '3' } }) : ok(taskBody('t1', 'No')),
      async () => !cancelled,
    );
    await client.lists.get('1');
    cancelled = true;
    await expect(client.tasks.create('1', { name: 'No' })).rejects.toThrow(/cancelled/);
    expect(call.stop).toEqual({ kind: 'cancelled' });
    // The read went out before the cancel; the create never did, and is journaled as not applied.
    expect(stub.requests.map((r) => r.method)).toEqual(['GET']);
    expect(journal.writes[0]).toMatchObject({ state: 'not_applied', first_sent_at: null });
  });
});
