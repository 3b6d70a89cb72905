import { IsNotEmpty, IsString } from 'class-validator';
import { EnvVar } from '@gw/config';

/** The sandbox's seeded OAuth app. SandboxConfig in @gw/config holds the rest of the sandbox's env. */
export class SandboxOAuthConfig {
  @EnvVar({
    name: 'SANDBOX_OAUTH_CLIENT_ID',
    description: 'Client id of the sandbox OAuth app.',
    default: 'sandbox-client-id',
  })
  @IsString()
  @IsNotEmpty()
  clientId = 'sandbox-client-id';

  @EnvVar({
    name: 'SANDBOX_OAUTH_CLIENT_SECRET',
    description: 'Client secret of the sandbox OAuth app.',
    default: 'sandbox-client-secret',
    secret: true,
  })
  @IsString()
  @IsNotEmpty()
  clientSecret = 'sandbox-client-secret';
}
