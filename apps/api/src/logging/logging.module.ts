import { Module } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import { logDestination } from '@gw/logging';
import { LoggerModule } from 'nestjs-pino';
import { restAccessLogOptions } from './rest-access-log';

/**
 * nestjs-pino's Logger for the whole api. Its middleware is not used (`forRoutes: []`): the access line and the
 * request-scoped logger come from a Fastify hook (rest-access-log.ts), and MCP requests get their own line
 * (mcp-access-log.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (app: AppConfig) => {
        const destination = logDestination(app.logFormat);
        const options = restAccessLogOptions(app.logLevel);
        return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
      },
    }),
  ],
})
export class LoggingModule {}
