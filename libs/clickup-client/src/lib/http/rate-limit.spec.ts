import { parseRateLimit, parseRetryAfter, resetToEpochMs, retryAfterMsFor } from './rate-limit';

const NOW = 1_767_225_600_000;

describe('rate-limit headers in one shape', () => {
  it('reads X-RateLimit-Reset in seconds, in ms, and as a small delay in seconds', () => {
    expect(resetToEpochMs(1_767_225_660, NOW)).toBe(1_767_225_660_000);
    expect(resetToEpochMs(1_767_225_660_123, NOW)).toBe(1_767_225_660_123);
    expect(resetToEpochMs(42, NOW)).toBe(NOW + 42_000);
  });

  it('parses limit, remaining and reset, and gives null without any of them', () => {
    expect(
      parseRateLimit(
        { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1767225660' },
        NOW,
      ),
    ).toEqual({ limit: 100, remaining: 7, resetAtMs: 1_767_225_660_000 });
    expect(parseRateLimit({ 'x-ratelimit-remaining': '0' }, NOW)).toEqual({
      limit: null,
      remaining: 0,
      resetAtMs: null,
    });
    expect(parseRateLimit({ 'x-ratelimit-limit': 'lots' }, NOW)).toBeNull();
    expect(parseRateLimit({}, NOW)).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter({ 'retry-after': '5' }, NOW)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after': new Date(NOW + 9000).toUTCString() }, NOW)).toBe(9000);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeNull();
  });

  it('waits until the reset, at least a second, else Retry-After, else a minute', () => {
    expect(retryAfterMsFor({ limit: 100, remaining: 0, resetAtMs: NOW + 12_345 }, {}, NOW)).toBe(12_345);
    expect(retryAfterMsFor({ limit: 100, remaining: 0, resetAtMs: NOW - 5_000 }, {}, NOW)).toBe(1_000);
    expect(retryAfterMsFor(null, { 'retry-after': '3' }, NOW)).toBe(3_000);
    expect(retryAfterMsFor(null, {}, NOW)).toBe(60_000);
  });
});
