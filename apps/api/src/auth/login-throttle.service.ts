import { Injectable } from '@nestjs/common';
import { sha256Hex } from '@gw/security';
import type { FastifyInstance } from 'fastify';
import { Blocklist } from '../rate-limits/blocklist';
import { windowCounter, type WindowCounter } from '../rate-limits/counter-limit';
import { FailureLimiter } from '../rate-limits/failure-limiter.service';
import { RateLimitedException } from '../rate-limits/rate-limited.exception';
import { SecurityEvents } from '../security-events/security-events.service';

/** Failed sign-ins of one account counted over a day; the first five cost nothing. */
const ACCOUNT_WINDOW_MS = 24 * 60 * 60 * 1000;
const FREE_FAILURES = 5;
/** The lockout after the sixth failure, doubling with each further one up to an hour. */
const FIRST_LOCKOUT_MS = 60_000;
const LONGEST_LOCKOUT_MS = 60 * 60 * 1000;
const LOCKED_ACCOUNTS_KEPT = 50_000;

/**
 * Throttles password guessing: per address through the shared failure budget, and per account with a lockout that
 * grows with each failure past the fifth. The account is keyed by the email as typed (hashed), whether or not it
 * exists, so unknown and known emails get the same answers at the same time, and a lockout tells nothing.
 */
@Injectable()
export class LoginThrottle {
  private counter?: WindowCounter;
  private readonly locked = new Blocklist(LOCKED_ACCOUNTS_KEPT);

  constructor(
    private readonly addresses: FailureLimiter,
    private readonly events: SecurityEvents,
  ) {}

  attach(fastify: FastifyInstance): void {
    this.counter = windowCounter(fastify, 'login-account', ACCOUNT_WINDOW_MS);
  }

  /** Throws a 429 while the account is locked; checked before the password, so a lockout costs no hashing. */
  assertOpen(email: string, ip: string): void {
    const retryAfter = this.locked.retryAfter(accountKey(email));
    if (retryAfter === 0) return;
    this.events.record(ip, 'login_locked');
    throw new RateLimitedException(retryAfter, 'Too many failed sign-ins for this account; retry later');
  }

  async failed(email: string, ip: string): Promise<void> {
    if (!this.counter) throw new Error('LoginThrottle used before attach()');
    this.events.record(ip, 'login_failed');
    const [, { count }] = await Promise.all([this.addresses.charge(ip), this.counter(accountKey(email))]);
    if (count <= FREE_FAILURES) return;
    const lockout = Math.min(
      FIRST_LOCKOUT_MS * 2 ** Math.min(count - FREE_FAILURES - 1, 20),
      LONGEST_LOCKOUT_MS,
    );
    this.locked.block(accountKey(email), lockout);
    this.events.record(ip, 'login_locked');
  }
}

function accountKey(email: string): string {
  return sha256Hex(email.trim().toLowerCase()).slice(0, 32);
}
