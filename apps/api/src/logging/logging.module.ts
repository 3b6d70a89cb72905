import { Module, RequestMethod } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (app: AppConfig) => ({
        // MCP requests get a cheaper line of their own (mcp-access-log.ts); this middleware is for the REST API.
        exclude: [{ path: 'mcp/*path', method: RequestMethod.ALL }],
        pinoHttp: {
          level: app.logLevel,
          genReqId: (req: IncomingMessage) => requestIdOf(req),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/healthz' || req.url === '/metrics' },
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
        },
      }),
    }),
  ],
})
export class LoggingModule {}
