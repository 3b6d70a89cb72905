import { Injectable } from '@nestjs/common';
import { NetworkConfig } from '@gw/config';
import type { FastifyInstance } from 'fastify';
import { Blocklist } from './blocklist';
import { windowCounter, type WindowCounter } from './counter-limit';

const WINDOW_MS = 60_000;
/** Addresses remembered as blocked by one process: about 5 MB at most. */
const BLOCKLIST_SIZE = 50_000;

/**
 * The per-address budget of failed requests (unknown MCP URLs, rejected credentials, failed sign-ins). Failures are
 * counted, successes are not, so an agent whose URL works is never slowed down by this, and an attacker only ever
 * spends its own address's budget. Past the budget, the address's requests are refused with `429` before any
 * database lookup, until the window ends.
 */
@Injectable()
export class FailureLimiter {
  private counter?: WindowCounter;
  private readonly blocked = new Blocklist(BLOCKLIST_SIZE);
  private readonly budget: number;

  constructor(network: NetworkConfig) {
    this.budget = network.failedRequestsPerMinute;
  }

  /** Called once the rate-limit plugin is registered on the api's Fastify instance. */
  attach(fastify: FastifyInstance): void {
    this.counter = windowCounter(fastify, 'failures', WINDOW_MS);
  }

  /** Seconds until the address may try again, or 0 when it is within its budget. No I/O. */
  retryAfter(ip: string): number {
    return this.blocked.retryAfter(ip);
  }

  /** Counts one failure of the address; the one that exhausts the budget blocks it for the rest of the window. */
  async charge(ip: string): Promise<void> {
    if (!this.counter) throw new Error('FailureLimiter used before attach()');
    const { count, ttlMs } = await this.counter(ip);
    if (count >= this.budget) this.blocked.block(ip, ttlMs);
  }
}
