import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Adds one to a key's count in the current window: the count so far and the time left in the window. */
export type WindowCounter = (key: string) => Promise<{ count: number; ttlMs: number }>;

/**
 * A fixed-window counter kept by @fastify/rate-limit's store: Redis when configured (shared by every api process),
 * otherwise this process's memory. Used for counters the plugin's route hooks cannot express: keyed by something
 * other than the address (an account's failed sign-ins) and incremented by failures only. The plugin reads nothing
 * from the request but the key, so a keyed stand-in is passed; its `max` is left unreachable so `remaining` tells
 * the exact count and the caller applies its own budget.
 */
export function windowCounter(fastify: FastifyInstance, name: string, windowMs: number): WindowCounter {
  const limit = fastify.createRateLimit({
    max: Number.MAX_SAFE_INTEGER,
    timeWindow: windowMs,
    keyGenerator: (request) => `${name}:${(request as unknown as KeyedStandIn).counterKey}`,
    // Redis unreachable: count nothing rather than refuse everyone; each process still remembers its own blocks.
    skipOnError: true,
  });
  return async (key) => {
    const standIn: KeyedStandIn = { counterKey: key, routeOptions: { config: {} } };
    const result = await limit(standIn as unknown as FastifyRequest);
    if (result.isAllowed || result.ttl === 0) return { count: 0, ttlMs: 0 };
    return { count: result.max - result.remaining, ttlMs: result.ttl };
  };
}

interface KeyedStandIn {
  counterKey: string;
  routeOptions: { config: Record<string, never> };
}
