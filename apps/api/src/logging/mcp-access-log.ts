import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger } from 'pino';
import { redactUrl } from './redact-url';

/** The MCP endpoint's own routes, which the REST access log skips (rest-access-log.ts). */
export const MCP_PATH = /^\/mcp\//;

const traces = new WeakMap<IncomingMessage, TraceFields>();

interface TraceFields {
  traceparent: string;
  traceId: string;
}

/** The W3C trace context an MCP request carried in `_meta`, for its log line (known once its body is read). */
export function noteTrace(raw: IncomingMessage, trace: TraceFields): void {
  traces.set(raw, trace);
}

/**
 * One "request completed" line per MCP request, as pino-http writes for the other routes, from a Fastify hook.
 * pino-http makes a child logger, redacts and binds an async-local store per request, which cost about 8 % of the
 * api's CPU per MCP call under load (docs/benchmarks.md); the fields here are fixed and carry no secret, so none of
 * that is needed.
 */
export function registerMcpAccessLog(
  fastify: FastifyInstance,
  level: string,
  logger: Logger = pino({ level }),
): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    // The levels pino-http gives the other routes: 5xx error, 4xx warn, the rest info.
    const lineLevel = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (MCP_PATH.test(request.url) && logger.isLevelEnabled(lineLevel)) {
      logger[lineLevel](
        {
          req: {
            id: request.id,
            method: request.method,
            url: redactUrl(request.url),
            remoteAddress: request.ip,
            userAgent: request.headers['user-agent'],
          },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime),
          ...traceFields(traces.get(request.raw)),
        },
        status >= 500 ? 'request errored' : 'request completed',
      );
    }
    done();
  });
}

const traceFields = (trace: TraceFields | undefined) =>
  trace ? { trace_id: trace.traceId, traceparent: trace.traceparent } : {};
