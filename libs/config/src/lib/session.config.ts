import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class SessionConfig {
  @EnvVar({
    name: 'SESSION_IDLE_TIMEOUT_MINUTES',
    description:
      'A dashboard session unused for this long ends, besides the 12-hour limit on every session. Use is noted at most once a minute, so a session may last up to a minute longer.',
    default: '30',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 720' })
  @Min(1, { message: 'must be an integer from 1 to 720' })
  @Max(720, { message: 'must be an integer from 1 to 720' })
  idleTimeoutMinutes = 30;
}
