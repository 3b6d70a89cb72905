import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class SandboxConfig {
  @EnvVar({ name: 'SANDBOX_PORT', description: 'Port of the ClickUp sandbox.', default: '3002' })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 0 to 65535' })
  @Min(0, { message: 'must be an integer from 0 to 65535' })
  @Max(65535, { message: 'must be an integer from 0 to 65535' })
  port = 3002;

  @EnvVar({ name: 'SANDBOX_HOST', description: 'Interface the sandbox listens on.', default: '127.0.0.1' })
  @IsString()
  host = '127.0.0.1';

  @EnvVar({
    name: 'SANDBOX_LATENCY_MS',
    description: 'Fixed latency added to every sandbox answer.',
    default: '0',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 0 to 60000' })
  @Min(0, { message: 'must be an integer from 0 to 60000' })
  @Max(60000, { message: 'must be an integer from 0 to 60000' })
  latencyMs = 0;

  @EnvVar({
    name: 'SANDBOX_RATE_LIMIT_PER_MINUTE',
    description: 'Requests per minute per token before the sandbox answers 429.',
    default: '100',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 1000000' })
  @Min(1, { message: 'must be an integer from 1 to 1000000' })
  @Max(1000000, { message: 'must be an integer from 1 to 1000000' })
  rateLimitPerMinute = 100;
}
