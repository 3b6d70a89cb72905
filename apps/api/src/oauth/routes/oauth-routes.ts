import { Injectable } from '@nestjs/common';
import { OAuthConfig } from '@gw/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { windowCounter, type WindowCounter } from '../../rate-limits/counter-limit';
import { FailureLimiter } from '../../rate-limits/failure-limiter.service';
import { SecurityEvents } from '../../security-events/security-events.service';
import { AuthorizationServer } from '../provider/authorization-server';
import { OAUTH_ROUTES } from '../provider/provider-configuration';

const HOUR_MS = 3_600_000;
/** What the provider answers besides `/oauth/*`: its metadata (RFC 8414), also under OpenID's name. */
const METADATA_PATHS = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
/** Endpoints where failures spend the address's budget and a blocked address is refused before any work. */
const BUDGETED = new Set<string>([OAUTH_ROUTES.token, OAUTH_ROUTES.registration, OAUTH_ROUTES.revocation]);

/**
 * Mounts oidc-provider (a Koa application) on the api's Fastify: in a scope of its own whose body parser leaves
 * the request stream unread for the provider, which parses its own forms and JSON. Before handing over, the
 * address's failure budget and the registration rate are checked, and `X-Forwarded-*` are replaced by what Fastify
 * determined under TRUST_PROXY, so the provider sees the same client address and scheme as the rest of the api.
 */
@Injectable()
export class OAuthRoutes {
  private registrations?: WindowCounter;
  private handle?: (req: IncomingMessage, res: ServerResponse) => void;

  constructor(
    private readonly server: AuthorizationServer,
    private readonly oauth: OAuthConfig,
    private readonly limiter: FailureLimiter,
    private readonly events: SecurityEvents,
  ) {}

  register(fastify: FastifyInstance): void {
    this.registrations = windowCounter(fastify, 'oauth-registrations', HOUR_MS);
    fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handler = (req: FastifyRequest, reply: FastifyReply) => this.forward(req, reply);
      scope.all('/oauth/*', handler);
      for (const path of METADATA_PATHS) scope.all(path, handler);
    });
  }

  private async forward(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = req.url.split('?', 1)[0];
    if (BUDGETED.has(path)) {
      const retryAfter = this.limiter.retryAfter(req.ip);
      if (retryAfter > 0)
        return this.tooMany(req, reply, retryAfter, 'Too many failed requests from this address');
    }
    if (path === OAUTH_ROUTES.registration && req.method === 'POST' && this.registrations) {
      const { count, ttlMs } = await this.registrations(req.ip);
      if (count > this.oauth.registrationsPerHour) {
        return this.tooMany(
          req,
          reply,
          Math.ceil(ttlMs / 1000),
          'Too many client registrations from this address',
        );
      }
    }
    const headers = req.raw.headers;
    headers['x-forwarded-for'] = req.ip;
    headers['x-forwarded-proto'] = req.protocol;
    headers['x-forwarded-host'] = req.host;
    reply.hijack();
    this.handle ??= this.server.provider.callback();
    this.handle(req.raw, reply.raw);
  }

  private tooMany(req: FastifyRequest, reply: FastifyReply, retryAfter: number, message: string): void {
    this.events.record(req.ip, 'rate_limited');
    void reply
      .code(429)
      .header('retry-after', String(Math.max(1, retryAfter)))
      .header('cache-control', 'no-store')
      .send({ error: 'invalid_request', error_description: `${message}; retry later` });
  }
}
