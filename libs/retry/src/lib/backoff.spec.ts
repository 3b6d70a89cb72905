import { fullJitterDelay } from './backoff';

describe('fullJitterDelay', () => {
  const policy = { baseMs: 1000, capMs: 30_000 };

  it('draws from the whole interval [0, base × 2^(attempt − 1))', () => {
    expect(fullJitterDelay(1, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(1, policy, () => 0.999_999)).toBe(999);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(4, policy, () => 0.999_999)).toBe(7999);
  });

  it('never exceeds the cap, however many attempts came before', () => {
    expect(fullJitterDelay(6, policy, () => 0.999_999)).toBe(29_999);
    expect(fullJitterDelay(500, policy, () => 0.999_999)).toBe(29_999);
  });

  it('spreads retries of clients that failed together', () => {
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(3, policy));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(4000);
    // Uniform on [0, 4000): the mean sits near the middle and the quarters are all used.
    expect(mean).toBeGreaterThan(1800);
    expect(mean).toBeLessThan(2200);
    for (let q = 0; q < 4; q++) expect(delays.some((d) => d >= q * 1000 && d < (q + 1) * 1000)).toBe(true);
  });
});
