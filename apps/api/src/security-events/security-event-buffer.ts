import type { SecurityEventReason } from './security-event-reason';

/** Addresses beyond the buffer's capacity are counted under this one, so a flood of sources cannot grow memory. */
export const OVERFLOW_IP = 'other';

export interface SecurityEventCount {
  minute: Date;
  ip: string;
  reason: SecurityEventReason;
  count: number;
}

/**
 * Counts refusals per (minute, address, reason) between two flushes. At most `capacity` keys are held; past that,
 * new addresses fold into `other` for their minute and reason, so the buffer is bounded whatever an attacker sends.
 */
export class SecurityEventBuffer {
  private counts = new Map<string, SecurityEventCount>();

  constructor(private readonly capacity: number) {}

  add(ip: string, reason: SecurityEventReason, at: number): void {
    const minute = Math.floor(at / 60_000) * 60_000;
    const address = ip.slice(0, 64) || 'unknown';
    const key = `${minute} ${reason} ${address}`;
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    if (this.counts.size >= this.capacity) {
      const overflowKey = `${minute} ${reason} ${OVERFLOW_IP}`;
      const overflow = this.counts.get(overflowKey);
      if (overflow) overflow.count += 1;
      else this.counts.set(overflowKey, { minute: new Date(minute), ip: OVERFLOW_IP, reason, count: 1 });
      return;
    }
    this.counts.set(key, { minute: new Date(minute), ip: address, reason, count: 1 });
  }

  get size(): number {
    return this.counts.size;
  }

  /** Hands over what was counted and starts afresh. */
  drain(): SecurityEventCount[] {
    const drained = [...this.counts.values()];
    this.counts = new Map();
    return drained;
  }
}
