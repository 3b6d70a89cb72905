import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class DatabaseConfig {
  @EnvVar({
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection URL. Unset: embedded PGlite in `DATA_DIR`.',
    default: '(embedded PGlite)',
    secret: true,
  })
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  url?: string;

  @EnvVar({
    name: 'DATABASE_POOL_SIZE',
    description: 'Connections per process (PostgreSQL only).',
    default: '10',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 100' })
  @Min(1, { message: 'must be an integer from 1 to 100' })
  @Max(100, { message: 'must be an integer from 1 to 100' })
  poolSize = 10;

  @EnvVar({
    name: 'EMBEDDED_DB_PORT',
    description:
      'Loopback port on which the api serves its embedded PGlite to the worker. 0 picks a free port. Clients need a password drawn at each start, which the worker reads from `DATA_DIR/embedded-db.json` (mode 0600).',
    default: '0',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 0 to 65535' })
  @Min(0, { message: 'must be an integer from 0 to 65535' })
  @Max(65535, { message: 'must be an integer from 0 to 65535' })
  embeddedPort = 0;

  @EnvVar({ name: 'DATA_DIR', description: 'Directory for embedded data.', default: './.data' })
  @IsString()
  dataDir = './.data';

  get embedded(): boolean {
    return this.url === undefined;
  }
}
