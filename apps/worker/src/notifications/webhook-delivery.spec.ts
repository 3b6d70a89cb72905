import { backoffDelay, retryAfterMs } from './webhook-delivery';

describe('webhook retries', () => {
  it('doubles the wait after each failed attempt, up to an hour', () => {
    expect([1, 2, 3, 4, 8].map((n) => backoffDelay(n, 10_000, null))).toEqual([
      10_000, 20_000, 40_000, 80_000, 1_280_000,
    ]);
    expect(backoffDelay(20, 10_000, null)).toBe(3_600_000);
  });

  it("waits for the receiver's Retry-After when it asks for longer, never more than an hour", () => {
    expect(backoffDelay(1, 100, 5_000)).toBe(5_000);
    expect(backoffDelay(3, 10_000, 5_000)).toBe(40_000);
    expect(backoffDelay(1, 100, 86_400_000)).toBe(3_600_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect([retryAfterMs(null), retryAfterMs('soon'), retryAfterMs('')]).toEqual([null, null, null]);
  });
});
