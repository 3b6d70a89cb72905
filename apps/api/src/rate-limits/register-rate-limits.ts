import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { QueueBackend } from '@gw/queue';
import { LoginThrottle } from '../auth/login-throttle.service';
import { McpServerRegistry } from '../mcp/admission/registry/mcp-server-registry.service';
import { SecurityEvents } from '../security-events/security-events.service';
import { FailureLimiter } from './failure-limiter.service';
import { registerFrontDoor } from './front-door.hook';

/**
 * Registers @fastify/rate-limit (on Redis when the queue runs there, so every api process shares the counts) for the
 * failure budgets, and the hook that turns an exhausted budget into `429` before anything else runs.
 */
export async function registerRateLimits(app: NestFastifyApplication, queues: QueueBackend): Promise<void> {
  const redis = queues.redis();
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${queues.prefix}:rate-limit:` } : {}),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const limiter = app.get(FailureLimiter);
  limiter.attach(fastify);
  app.get(LoginThrottle).attach(fastify);
  const registry = app.get(McpServerRegistry);
  registerFrontDoor(fastify, limiter, app.get(SecurityEvents), (token) => registry.holds(token));
}
