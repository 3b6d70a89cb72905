import { logDestination, type LogFormat } from '@gw/logging';
import pino from 'pino';

export const WORKER_LOGGER = Symbol('WORKER_LOGGER');

export function createWorkerLogger(level: string, format: LogFormat = 'json') {
  return pino(
    {
      name: 'worker',
      level,
      redact: { paths: ['*.token', '*.password', '*.authorization', '*.access_token'], censor: '[redacted]' },
    },
    logDestination(format),
  );
}
