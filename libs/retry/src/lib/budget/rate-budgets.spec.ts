import type { Lease } from './rate-window';
import { MemoryBudgetStore } from './memory-budget-store';
import { PermitWaitTooLong, RateBudgets } from './rate-budgets';
import type { BudgetStore } from './budget-store';

const FP = 'token-fingerprint';
const T = 1_800_000_000_000;

/** A request through the budget that answers with the headers a ClickUp window of `limit` would send. */
function upstream(limit: number) {
  let windowStart = 0;
  let count = 0;
  const sent: number[] = [];
  return {
    sent,
    answer(budgets: RateBudgets) {
      const now = Date.now();
      if (!windowStart || now - windowStart >= 60_000) {
        windowStart = now;
        count = 0;
      }
      count += 1;
      sent.push(now);
      const limited = count > limit;
      budgets.note(
        FP,
        {
          limit,
          remaining: Math.max(0, limit - count),
          resetAtMs: Math.ceil((windowStart + 60_000) / 1000) * 1000,
        },
        limited,
      );
      return limited;
    },
  };
}

async function send(budgets: RateBudgets, api: ReturnType<typeof upstream>, deadline?: number) {
  await budgets.acquire(FP, deadline);
  return api.answer(budgets);
}

describe('RateBudgets', () => {
  beforeEach(() => jest.useFakeTimers({ now: T }));
  afterEach(() => jest.useRealTimers());

  it('takes a leased permit synchronously', async () => {
    const budgets = new RateBudgets(new MemoryBudgetStore());
    const api = upstream(10_000);
    await send(budgets, api);
    await Promise.all(Array.from({ length: 5 }, () => send(budgets, api)));
    // That lease covered the waiting requests plus a few more: the next ones need no round trip.
    expect(budgets.acquire(FP)).toBeNull();
    expect(budgets.acquire(FP)).toBeNull();
  });

  it('queues 60 requests of three processes sharing one budget at 20 a minute: no 429, no idle window', async () => {
    const store = new MemoryBudgetStore();
    const processes = [new RateBudgets(store), new RateBudgets(store), new RateBudgets(store)];
    const api = upstream(20);
    const outcomes = Promise.all(Array.from({ length: 60 }, (_, i) => send(processes[i % 3], api)));
    await jest.advanceTimersByTimeAsync(3 * 60_000);
    expect(await outcomes).toEqual(Array(60).fill(false));
    const windows = api.sent.map((at) => Math.floor((at - T) / 60_000));
    expect(windows.filter((w) => w === 0)).toHaveLength(20);
    expect(windows.filter((w) => w === 1)).toHaveLength(20);
    expect(windows.filter((w) => w === 2)).toHaveLength(20);
    // Each window's requests start within a second of ClickUp's reset (announced in whole seconds).
    expect(Math.max(...api.sent) - T).toBeLessThan(2 * 60_000 + 2000);
  });

  it('tells a caller at once when its turn comes after its deadline', async () => {
    const budgets = new RateBudgets(new MemoryBudgetStore());
    const api = upstream(5);
    await send(budgets, api);
    await Promise.all(Array.from({ length: 4 }, () => send(budgets, api)));
    const late = budgets.acquire(FP, Date.now() + 20_000);
    await expect(late).rejects.toBeInstanceOf(PermitWaitTooLong);
    await expect(budgets.acquire(FP, Date.now() + 20_000)).rejects.toMatchObject({
      waitMs: expect.any(Number),
    });
    const patient = budgets.acquire(FP, Date.now() + 70_000);
    await jest.advanceTimersByTimeAsync(61_000);
    await expect(patient).resolves.toBeUndefined();
  });

  it('stops everyone until the reset after a 429 caused by another client of the token', async () => {
    const budgets = new RateBudgets(new MemoryBudgetStore());
    const api = upstream(100);
    await send(budgets, api);
    budgets.note(FP, { limit: 100, remaining: 0, resetAtMs: Date.now() + 30_000 }, true);
    let released = false;
    const waiting = Promise.resolve(budgets.acquire(FP)).then(() => (released = true));
    await jest.advanceTimersByTimeAsync(29_000);
    expect(released).toBe(false);
    await jest.advanceTimersByTimeAsync(2_000);
    await waiting;
    expect(released).toBe(true);
  });

  it("tells the other processes ClickUp's reset even when no later lease of its own carries it", async () => {
    const store = new MemoryBudgetStore();
    const [api1, worker] = [new RateBudgets(store), new RateBudgets(store)];
    const api = upstream(5);
    await send(api1, api);
    await jest.advanceTimersByTimeAsync(60_000);
    // The next burst leaves once the window is over but reaches ClickUp 800 ms later, where its window opens then.
    await Promise.all(Array.from({ length: 5 }, () => api1.acquire(FP)));
    await jest.advanceTimersByTimeAsync(800);
    for (let i = 0; i < 5; i++) api.answer(api1);

    const outcomes = Promise.all(Array.from({ length: 5 }, () => send(worker, api)));
    await jest.advanceTimersByTimeAsync(2 * 60_000);
    expect(await outcomes).toEqual(Array(5).fill(false));
  });

  it("lets the requests behind a fresh token's probe go as soon as its answer comes, not at the probe's end", async () => {
    // The probe's answer reaches the store on its own round trip, which the next lease can overtake.
    const memory = new MemoryBudgetStore();
    const store: BudgetStore = {
      lease: (...args) => memory.lease(...args),
      observe: async (fingerprint, observation) => {
        await new Promise((r) => setTimeout(r, 300));
        return memory.observe(fingerprint, observation);
      },
    };
    const budgets = new RateBudgets(store);
    const api = upstream(100);
    await budgets.acquire(FP);
    const released: number[] = [];
    const behind = Array.from({ length: 5 }, () =>
      budgets.acquire(FP)?.then(() => released.push(Date.now())),
    );
    await jest.advanceTimersByTimeAsync(50);
    api.answer(budgets);
    await jest.advanceTimersByTimeAsync(100);
    expect(released).toHaveLength(5);
    expect(Math.max(...released) - T).toBeLessThan(200);
    await Promise.all(behind);
  });

  it('keeps working on its own count while the shared store is down', async () => {
    const errors: unknown[] = [];
    const down: BudgetStore = {
      lease: (): Promise<Lease> => Promise.reject(new Error('store down')),
      observe: () => Promise.reject(new Error('store down')),
    };
    const budgets = new RateBudgets(down, { onStoreError: (e) => errors.push(e) });
    const api = upstream(3);
    await send(budgets, api);
    await Promise.all([send(budgets, api), send(budgets, api)]);
    expect(errors).toHaveLength(1);
    const fourth = send(budgets, api);
    await jest.advanceTimersByTimeAsync(61_000);
    expect(await fourth).toBe(false);
  });
});
