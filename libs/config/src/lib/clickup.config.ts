import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class ClickUpConfig {
  @EnvVar({
    name: 'CLICKUP_API_BASE_URL',
    description: 'ClickUp API base (without `/api/v2`). `npm start` points it at the sandbox.',
    default: 'https://api.clickup.com',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  apiBaseUrl = 'https://api.clickup.com';

  @EnvVar({
    name: 'CLICKUP_APP_URL',
    description: 'Where users consent to OAuth (`{CLICKUP_APP_URL}/api?client_id=…`).',
    default: 'https://app.clickup.com',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  appUrl = 'https://app.clickup.com';

  @EnvVar({
    name: 'CLICKUP_OAUTH_CLIENT_ID',
    description: "OAuth app client id (for OAuth connections and each person's linked ClickUp account).",
  })
  @IsOptional()
  @IsString()
  oauthClientId?: string;

  @EnvVar({ name: 'CLICKUP_OAUTH_CLIENT_SECRET', description: 'OAuth app client secret.', secret: true })
  @IsOptional()
  @IsString()
  oauthClientSecret?: string;

  @EnvVar({ name: 'CLICKUP_TIMEOUT_MS', description: 'Timeout of one ClickUp request.', default: '15000' })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 100 to 120000' })
  @Min(100, { message: 'must be an integer from 100 to 120000' })
  @Max(120000, { message: 'must be an integer from 100 to 120000' })
  timeoutMs = 15000;
}
