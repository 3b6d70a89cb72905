import { IsEmail, IsOptional, Matches, MinLength } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class BootstrapConfig {
  @EnvVar({
    name: 'ADMIN_EMAIL',
    description: 'Email of the owner created on first start.',
    default: 'admin@localhost',
  })
  @IsEmail({ require_tld: false }, { message: 'must be an email address' })
  adminEmail = 'admin@localhost';

  @EnvVar({
    name: 'ADMIN_PASSWORD',
    description: 'Password of that owner. Unset: one is generated and printed once.',
    secret: true,
  })
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword?: string;

  @EnvVar({
    name: 'ADMIN_API_TOKEN',
    description: 'If set at first start, registered as an owner API token (for provisioning scripts).',
    secret: true,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_\-.]{24,200}$/, { message: 'must be 24 to 200 characters of A-Z a-z 0-9 _ - .' })
  adminApiToken?: string;

  @EnvVar({
    name: 'ORGANIZATION_NAME',
    description: 'Name of the organization created on first start.',
    default: 'My organization',
  })
  @IsOptional()
  organizationName = 'My organization';

  @EnvVar({
    name: 'SANDBOX_CONNECTION_TOKEN',
    description:
      'A ClickUp personal token registered at start as the connection `Sandbox workspace` if none exists (`npm start` sets it to the sandbox token).',
    secret: true,
  })
  @IsOptional()
  @Matches(/^pk_[A-Za-z0-9_]{3,200}$/, { message: 'must be a ClickUp personal token (pk_…)' })
  sandboxConnectionToken?: string;
}
