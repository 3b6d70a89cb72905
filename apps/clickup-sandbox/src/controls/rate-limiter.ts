/**
 * Per-token fixed 60 s windows (API-NOTES §19). The window opens on a token's first request;
 * `X-RateLimit-Reset` is the window's end in Unix seconds. A shorter window can be set for runs that scale
 * ClickUp's minute down in time (the benchmark's rate-limit run).
 */
export interface RateState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  limited: boolean;
}

export const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    public perMinute: number,
    public windowMs = WINDOW_MS,
  ) {}

  take(key: string, now: number): RateState {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const limited = w.count > this.perMinute;
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - w.count),
      resetSeconds: Math.ceil((w.start + this.windowMs) / 1000),
      limited,
    };
  }

  reset(perMinute = this.perMinute, windowMs = this.windowMs): void {
    this.perMinute = perMinute;
    this.windowMs = windowMs;
    this.windows.clear();
  }
}
