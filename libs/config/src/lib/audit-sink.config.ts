import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

const between = (min: number, max: number) => ({ message: `must be an integer from ${min} to ${max}` });

/** Streaming the audit chain to the SIEM: the api validates sinks with it, the worker's dispatchers run by it. */
export class AuditSinkConfig {
  @EnvVar({
    name: 'AUDIT_SINK_ALLOW_PLAINTEXT',
    description:
      'Development only: `true` lets audit sinks send in clear text to any host (webhook and OTLP over `http://`, syslog over TCP without TLS). Off, clear text is accepted for loopback receivers only (`localhost`, `127.0.0.0/8`, `::1`); every other sink must use https or TLS. Only `true` and `false` are accepted.',
    default: 'false',
  })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  allowPlaintext = false;

  @EnvVar({
    name: 'AUDIT_SINK_POLL_MS',
    description:
      'How often the worker looks for new audit events for each sink once it has caught up, in milliseconds. A sink that is behind is sent batch after batch without waiting.',
    default: '1000',
  })
  @Type(() => Number)
  @IsInt(between(100, 60000))
  @Min(100, between(100, 60000))
  @Max(60000, between(100, 60000))
  pollMs = 1000;

  @EnvVar({
    name: 'AUDIT_SINK_BATCH_SIZE',
    description:
      'Most audit events sent in one delivery (one webhook POST, one syslog connection, one OTLP request).',
    default: '200',
  })
  @Type(() => Number)
  @IsInt(between(1, 1000))
  @Min(1, between(1, 1000))
  @Max(1000, between(1, 1000))
  batchSize = 200;

  @EnvVar({
    name: 'AUDIT_SINK_TIMEOUT_MS',
    description:
      'How long one delivery waits for the receiver to acknowledge it (HTTP answer, or syslog connection closed by the receiver) before it counts as failed and is retried.',
    default: '10000',
  })
  @Type(() => Number)
  @IsInt(between(100, 120000))
  @Min(100, between(100, 120000))
  @Max(120000, between(100, 120000))
  timeoutMs = 10000;

  @EnvVar({
    name: 'AUDIT_SINK_MAX_BACKOFF_MS',
    description:
      'Longest wait between two attempts at a failing sink; the wait starts at one second and doubles after each failure up to this cap. The same batch is retried until the receiver takes it.',
    default: '60000',
  })
  @Type(() => Number)
  @IsInt(between(1000, 3600000))
  @Min(1000, between(1000, 3600000))
  @Max(3600000, between(1000, 3600000))
  maxBackoffMs = 60000;
}
