import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { LOG_FORMATS, type LogFormat } from '@gw/logging';
import { EnvVar } from './env-var.decorator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class AppConfig {
  @EnvVar({
    name: 'PORT',
    description: 'Port of the api (MCP endpoints, REST API, health, metrics).',
    default: '3001',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 65535' })
  @Min(1, { message: 'must be an integer from 1 to 65535' })
  @Max(65535, { message: 'must be an integer from 1 to 65535' })
  port = 3001;

  @EnvVar({ name: 'HOST', description: 'Interface the api listens on.', default: '0.0.0.0' })
  @IsString()
  host = '0.0.0.0';

  @EnvVar({
    name: 'PUBLIC_URL',
    description: 'Public base URL of the api; MCP URLs are `{PUBLIC_URL}/mcp/{token}`.',
    default: 'http://localhost:3001',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  publicUrl = 'http://localhost:3001';

  @EnvVar({
    name: 'DASHBOARD_URL',
    description:
      'Public URL of the dashboard; OAuth callbacks return there and it is an allowed browser Origin.',
    default: 'http://localhost:3000',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  dashboardUrl = 'http://localhost:3000';

  @EnvVar({ name: 'LOG_LEVEL', description: 'pino log level.', default: 'info' })
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel: LogLevel = 'info';

  @EnvVar({
    name: 'LOG_FORMAT',
    description:
      '`json` (one JSON object per line, for a log pipeline) or `pretty` (short readable lines). `npm start` sets `pretty` unless `NODE_ENV=production`.',
    default: 'json',
  })
  @IsIn(LOG_FORMATS, { message: `must be one of ${LOG_FORMATS.join(', ')}` })
  logFormat: LogFormat = 'json';

  @EnvVar({
    name: 'DATA_DIR',
    description: 'Directory for embedded data: the PGlite database and the generated encryption key.',
    default: './.data',
  })
  @IsString()
  dataDir = './.data';

  @EnvVar({
    name: 'METRICS_TOKEN',
    description:
      '`/metrics` is for an internal Prometheus: keep it off the public network. When set, scrapes must send `Authorization: Bearer <token>`.',
    secret: true,
  })
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  metricsToken?: string;

  @EnvVar({
    name: 'WORKER_METRICS_PORT',
    description:
      "Port of the worker's own `/metrics` (and `/healthz`), on `HOST`, behind `METRICS_TOKEN` like the api's. Unset: the worker listens on no port.",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 65535' })
  @Min(1, { message: 'must be an integer from 1 to 65535' })
  @Max(65535, { message: 'must be an integer from 1 to 65535' })
  workerMetricsPort?: number;
}
