import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { requestIdOf } from '../logging/request-id';
import { SecurityEvents } from '../security-events/security-events.service';
import { FailureLimiter } from './failure-limiter.service';

/** Whether this process already holds an MCP URL's server in memory (no I/O). */
export type HeldMcpUrl = (token: string) => boolean;

/**
 * Refuses every MCP and REST request of an address past its failure budget, first thing, with `429` and
 * `Retry-After`: no token lookup, no session lookup, no audit row, one counter in memory. The one exception is an
 * MCP URL whose server this process already holds in memory: an agent behind the same address as an attacker (one
 * NAT, one proxy) keeps working, at no lookup cost.
 */
export function registerFrontDoor(
  fastify: FastifyInstance,
  limiter: FailureLimiter,
  events: SecurityEvents,
  held: HeldMcpUrl,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const path = request.url;
    if (!path.startsWith('/mcp/') && !path.startsWith('/api/v1/')) return done();
    const retryAfter = limiter.retryAfter(request.ip);
    if (retryAfter === 0) return done();
    if (path.startsWith('/mcp/') && held(mcpTokenOf(path))) return done();
    events.record(request.ip, 'rate_limited');
    const message = 'Too many failed requests from this address; retry later';
    void reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .send(
        path.startsWith('/mcp/')
          ? { jsonrpc: '2.0', id: null, error: { code: -32000, message } }
          : {
              statusCode: 429,
              error: STATUS_CODES[429],
              message,
              correlation_id: requestIdOf(request.raw),
            },
      );
  });
}

/** `/mcp/{token}`, `/mcp/{token}/sse`, `/mcp/{token}/messages?…` → the token. */
function mcpTokenOf(path: string): string {
  return path.slice('/mcp/'.length).split(/[/?]/, 1)[0];
}
