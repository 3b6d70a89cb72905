import { LRUCache } from 'lru-cache';

/**
 * Keys refused until a time, held in this process so a refusal costs no I/O. Bounded: past `max` keys the least
 * recently touched go first (an attacker rotating addresses evicts its own older entries).
 */
export class Blocklist {
  private readonly until: LRUCache<string, number>;

  constructor(max: number) {
    this.until = new LRUCache<string, number>({ max });
  }

  /** Seconds left for a blocked key (at least 1), or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const until = this.until.get(key);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(key);
      return 0;
    }
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  block(key: string, forMs: number, now = Date.now()): void {
    this.until.set(key, now + forMs);
  }
}
