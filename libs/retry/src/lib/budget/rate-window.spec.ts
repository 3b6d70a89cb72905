import { initialWindow, lease, observe, PROBE_MS, WINDOW_MS, type RateObservation } from './rate-window';

const T = 1_800_000_000_000;
const answer = (at: number, fields: Partial<RateObservation>): RateObservation => ({
  at,
  limit: null,
  remaining: null,
  resetAt: null,
  limited: false,
  ...fields,
});

describe('rate window', () => {
  it('lets one request probe a token whose limit is unknown, and the rest go once its answer tells the limit', () => {
    const first = lease(initialWindow(), 10, T);
    expect(first.lease).toMatchObject({ granted: 1, retryAt: T + PROBE_MS });
    const waiting = lease(first.state, 9, T + 10);
    expect(waiting.lease).toMatchObject({ granted: 0, retryAt: T + PROBE_MS });
    const known = observe(waiting.state, answer(T + 50, { limit: 20, remaining: 19, resetAt: T + 60_000 }));
    expect(lease(known, 9, T + 60).lease).toMatchObject({ granted: 9, retryAt: T + 60 });
  });

  it('never lets more than the limit through in one window, and opens the next window at its reset', () => {
    let state = observe(initialWindow(), answer(T, { limit: 20, remaining: 19, resetAt: T + WINDOW_MS }));
    state = { ...state, granted: 1 };
    const a = lease(state, 15, T + 1);
    const b = lease(a.state, 15, T + 2);
    expect(a.lease.granted + b.lease.granted).toBe(19);
    expect(b.lease.retryAt).toBe(T + WINDOW_MS);
    expect(lease(b.state, 1, T + WINDOW_MS - 1).lease.granted).toBe(0);
    const next = lease(b.state, 30, T + WINDOW_MS);
    expect(next.lease).toMatchObject({ granted: 20, resetAt: T + 2 * WINDOW_MS });
  });

  it("follows ClickUp's count when others used the token too", () => {
    let state = observe(initialWindow(), answer(T, { limit: 100, remaining: 99, resetAt: T + 60_000 }));
    state = lease(state, 5, T).state;
    state = observe(state, answer(T + 100, { limit: 100, remaining: 10, resetAt: T + 60_000 }));
    expect(lease(state, 50, T + 200).lease.granted).toBe(10);
  });

  it('moves to the reset ClickUp announces when its window opened at another time than assumed', () => {
    let state = lease(
      observe(initialWindow(), answer(T, { limit: 100, remaining: 99, resetAt: T + 60_000 })),
      1,
      T,
    ).state;
    // ClickUp's window ends 20 s earlier than the one counted here, and it has 40 left.
    state = observe(state, answer(T + 10, { limit: 100, remaining: 40, resetAt: T + 40_000 }));
    expect(state.resetAt).toBe(T + 40_000);
    expect(state.granted).toBe(60);
  });

  it('ignores a late answer about an older window, but follows a sooner reset seen during the current one', () => {
    const current = {
      limit: 20,
      resetAt: T + 120_000,
      granted: 3,
      known: true,
      probeUntil: 0,
      openedAt: T + 60_000,
    };
    const older = answer(T + 59_000, { limit: 20, remaining: 0, resetAt: T + 60_000 });
    expect(observe(current, older)).toEqual(current);
    // Seen after the window opened here: ClickUp's window is shorter, and ends first.
    const sooner = observe(current, answer(T + 60_050, { limit: 20, remaining: 10, resetAt: T + 65_000 }));
    expect(sooner).toMatchObject({ resetAt: T + 65_000, granted: 10 });
    // Delivered after that reset passed, it still ends the window: the next lease opens a new one.
    expect(lease(sooner, 5, T + 66_000).lease).toMatchObject({ granted: 5, resetAt: T + 66_000 + WINDOW_MS });
  });

  it('blocks the rest of the window after a 429, a whole window when the reset is missing', () => {
    const state = lease(observe(initialWindow(), answer(T, { limit: 50, resetAt: T + 30_000 })), 1, T).state;
    const limited = observe(state, answer(T + 5, { limited: true, remaining: 0, resetAt: T + 30_000 }));
    expect(lease(limited, 1, T + 6).lease).toMatchObject({ granted: 0, retryAt: T + 30_000 });
    const bare = observe(initialWindow(), answer(T, { limited: true }));
    expect(bare.resetAt).toBe(T + WINDOW_MS);
    expect(bare.granted).toBe(bare.limit);
  });
});
