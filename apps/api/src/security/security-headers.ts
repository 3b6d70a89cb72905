import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

const YEAR_S = 365 * 86_400;

/**
 * The api's own responses: JSON, MCP streams and the OpenAPI page (`/api/docs`, whose scripts are files of its own
 * and whose styles are inline). Nothing of the api may be framed, and a browser is told to stay on https only when
 * the api is published on https — sent over http, HSTS would be ignored or, behind a proxy, pin a wrong scheme.
 */
export function securityHeaders(publicUrl: string): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: publicUrl.startsWith('https://')
      ? { maxAge: YEAR_S, includeSubDomains: true }
      : false,
    // MCP clients in browsers (MCP_ALLOWED_ORIGINS) read the api cross-origin through CORS.
    crossOriginResourcePolicy: false,
  };
}

/**
 * Sets the security headers on every answer, from one helmet middleware built at start (a bad policy fails the
 * boot, not a request). @fastify/helmet builds a new middleware for every request, parsing the whole policy again:
 * about 12 KB of garbage per MCP call and 2 % of the api's samples under load (docs/benchmarks.md).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, publicUrl: string): void {
  const setHeaders = helmet(securityHeaders(publicUrl));
  fastify.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, () => done()));
}
