import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Store, storage } from 'nestjs-pino/storage';
import type { DestinationStream } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { MCP_PATH } from './mcp-access-log';
import { redactUrl } from './redact-url';
import { requestIdOf } from './request-id';

/** Paths pino replaces with "[redacted]" wherever they appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.access_token',
  '*.client_secret',
  '*.encryption_key',
  '*.authorization',
];

/** Paths an orchestrator or Prometheus polls every few seconds: a line per probe would drown the log. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function isProbe(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return PROBE_PATHS.has(path.length > 1 ? path.replace(/\/+$/, '') : path);
}

/** pino-http's settings for every route but `/mcp/…`; nestjs-pino's Logger is built with the same. */
export function restAccessLogOptions(level: string): Options {
  return {
    level,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: { ignore: (req: IncomingMessage) => isProbe(req.url) },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: {
        id: string;
        method: string;
        url: string;
        headers: Record<string, unknown>;
        remoteAddress?: string;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
        userAgent: req.headers['user-agent'],
      }),
    },
  };
}

/**
 * pino-http's "request completed" line for every request but MCP ones (mcp-access-log.ts writes theirs), and the
 * request's logger bound for nestjs-pino's Logger, from a Fastify hook. As Nest middleware (nestjs-pino's way) this
 * ran through @fastify/middie and Nest's middleware wrappers on every request, MCP ones too, only to be skipped
 * there: 13 % of the api's CPU per MCP call at 64 connections (docs/benchmarks.md). Registered before the api's other
 * request hooks, where the middleware ran, so requests they refuse are logged too.
 */
export function registerRestAccessLog(
  fastify: FastifyInstance,
  options: Options,
  destination?: DestinationStream,
): void {
  const log = destination ? pinoHttp(options, destination) : pinoHttp(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (MCP_PATH.test(request.url)) return done();
    log(request.raw, reply.raw);
    storage.run(new Store(request.raw.log), done);
  });
}
