import fastifyCookie from '@fastify/cookie';
import { ValidationPipe, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@gw/config';
import { logDestination } from '@gw/logging';
import pino from 'pino';
import { registerSignedClientAddress } from '../client-address/signed-client-address';
import { refuseUnreadableJsonBodies } from '../common/http/json-body-checks';
import { registerMcpAccessLog } from '../logging/mcp-access-log';
import { registerRestAccessLog, restAccessLogOptions } from '../logging/rest-access-log';
import { registerSecurityHeaders } from '../security/security-headers';
import { requestIdOf } from '../logging/request-id';
import { McpRoutes } from '../mcp/transport/mcp-routes';
import { ProtectedResourceRoutes } from '../mcp/transport/protected-resource-routes';
import { MetricsService } from '../metrics/metrics.service';
import { OAuthRoutes } from '../oauth/routes/oauth-routes';
import { setupOpenApi } from '../openapi/openapi';
import { registerRateLimits } from '../rate-limits/register-rate-limits';
import { AppModule } from './app.module';
import { drainOnClose } from './drain-on-close';
import type { ApiRuntime } from './runtime';

/** Builds the api application (routes, pipes, docs, metrics) without listening; main.ts and the tests share it. */
export async function createApiApp(
  runtime: ApiRuntime,
  modules: NonNullable<ModuleMetadata['imports']> = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Off by default: X-Forwarded-For is believed only from the proxies TRUST_PROXY names.
    trustProxy: runtime.configs.network.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime, modules), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  registerRestAccessLog(
    app.getHttpAdapter().getInstance(),
    restAccessLogOptions(app.get(AppConfig).logLevel),
    logDestination(app.get(AppConfig).logFormat),
  );
  await app.register(fastifyCookie);
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), app.get(AppConfig).publicUrl);
  registerSignedClientAddress(app.getHttpAdapter().getInstance(), runtime.configs.network.clientIpSecret);
  await registerRateLimits(app, runtime.queues);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  refuseUnreadableJsonBodies(fastify);
  drainOnClose(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  setupOpenApi(app);
  const { logLevel, logFormat } = app.get(AppConfig);
  registerMcpAccessLog(fastify, logLevel, pino({ level: logLevel }, logDestination(logFormat)));
  app.get(McpRoutes).register(fastify);
  app.get(OAuthRoutes).register(fastify);
  app.get(ProtectedResourceRoutes).register(fastify);
  await app.init();
  return app;
}
