/**
 * Per-token fixed 60 s windows (API-NOTES §19). The window opens on a token's first request;
 * `X-RateLimit-Reset` is the window's end in Unix seconds.
 */
export interface RateState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  limited: boolean;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(public perMinute: number) {}

  take(key: string, now: number): RateState {
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const limited = w.count > this.perMinute;
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - w.count),
      resetSeconds: Math.ceil((w.start + WINDOW_MS) / 1000),
      limited,
    };
  }

  reset(perMinute = this.perMinute): void {
    this.perMinute = perMinute;
    this.windows.clear();
  }
}
