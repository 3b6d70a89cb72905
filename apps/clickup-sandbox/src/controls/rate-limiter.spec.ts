import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('counts per key in fixed 60 s windows and reports the reset in Unix seconds', () => {
    const limiter = new RateLimiter(2);
    const t0 = 1_700_000_000_500;
    expect(limiter.take('a', t0)).toEqual({
      limit: 2,
      remaining: 1,
      resetSeconds: 1_700_000_061,
      limited: false,
    });
    expect(limiter.take('a', t0 + 10_000)).toMatchObject({ remaining: 0, limited: false });
    expect(limiter.take('a', t0 + 20_000)).toMatchObject({
      remaining: 0,
      limited: true,
      resetSeconds: 1_700_000_061,
    });
    expect(limiter.take('b', t0 + 20_000)).toMatchObject({ remaining: 1, limited: false });
    // The window opened at t0 ends at t0 + 60 s; the next request opens a fresh one.
    expect(limiter.take('a', t0 + 60_000)).toEqual({
      limit: 2,
      remaining: 1,
      resetSeconds: 1_700_000_121,
      limited: false,
    });
  });

  it('forgets every window when the limit changes', () => {
    const limiter = new RateLimiter(1);
    limiter.take('a', 0);
    expect(limiter.take('a', 1).limited).toBe(true);
    limiter.reset(5);
    expect(limiter.take('a', 2)).toMatchObject({ limit: 5, remaining: 4, limited: false });
  });

  it('scales the minute down when a shorter window is set, and keeps it until the next change', () => {
    const limiter = new RateLimiter(1);
    limiter.reset(1, 15_000);
    const t0 = 1_700_000_000_000;
    expect(limiter.take('a', t0)).toMatchObject({ limited: false, resetSeconds: 1_700_000_015 });
    expect(limiter.take('a', t0 + 14_999).limited).toBe(true);
    expect(limiter.take('a', t0 + 15_000)).toMatchObject({ limited: false, resetSeconds: 1_700_000_030 });
    limiter.reset(1);
    expect(limiter.windowMs).toBe(15_000);
  });
});
