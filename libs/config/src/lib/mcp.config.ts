import { Transform } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { EnvVar } from './env-var.decorator';

export class McpConfig {
  @EnvVar({
    name: 'MCP_ALLOWED_ORIGINS',
    description:
      'Comma-separated browser origins allowed to call `/mcp/{token}` besides `PUBLIC_URL` and `DASHBOARD_URL`. Requests without an Origin header (desktop and server clients) are always allowed.',
    default: '',
  })
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { each: true, message: 'must be comma-separated http(s) origins' },
  )
  allowedOrigins: string[] = [];

  @EnvVar({
    name: 'MCP_SERVER_CACHE_POLL_MS',
    description:
      'How often each api process looks for changed MCP servers to drop from its cache. At most 1000, so a revoke takes effect everywhere within a second; after 5 s without a successful look, MCP requests get 503.',
    default: '500',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 100 to 1000' })
  @Min(100, { message: 'must be an integer from 100 to 1000' })
  @Max(1000, { message: 'must be an integer from 100 to 1000' })
  cachePollMs = 500;
}
