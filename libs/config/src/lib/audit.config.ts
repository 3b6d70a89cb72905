import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class AuditConfig {
  @EnvVar({
    name: 'AUDIT_ENABLED',
    description:
      'Benchmark and diagnostic switch only: `false` stops writing audit rows, so `npm run bench` can measure what the audit log costs. Production must never set it. Only the exact words `true` and `false` are accepted; anything else fails at boot, and the api warns on every start while it is off.',
    default: 'true',
  })
  // Strict on purpose: a typo ("flase", "0", "no") must stop the boot, never turn the audit log off.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  enabled = true;

  @EnvVar({
    name: 'AUDIT_RETENTION_MIN_DAYS',
    description:
      'The shortest audit retention an owner may set, in days. The worker never purges audit events younger than this, whatever the database says.',
    default: '30',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 3650' })
  @Min(1, { message: 'must be an integer from 1 to 3650' })
  @Max(3650, { message: 'must be an integer from 1 to 3650' })
  retentionMinDays = 30;

  @EnvVar({
    name: 'AUDIT_INTERRUPTED_AFTER_SECONDS',
    description:
      'How long an api process may miss its heartbeat before the tool calls it had in flight are recorded as INTERRUPTED (outcome `error`) in the audit log. Each api renews its heartbeat every sixth of this and sweeps every third of it, so a call cut by a crash is recorded at most about 1.4 times this after the crash.',
    default: '30',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 3 to 3600' })
  @Min(3, { message: 'must be an integer from 3 to 3600' })
  @Max(3600, { message: 'must be an integer from 3 to 3600' })
  interruptedAfterSeconds = 30;
}
