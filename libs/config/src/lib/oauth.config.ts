import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { EnvVar } from './env-var.decorator';
import { isAddressOrCidr } from './network.config';

@ValidatorConstraint({ name: 'cidrList' })
class CidrListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every((entry) => isAddressOrCidr(String(entry)));
  }

  defaultMessage(): string {
    return 'must be off, or comma-separated addresses and CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)';
  }
}

function parseCidrList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (['off', 'false', 'no', 'none'].includes(value.trim().toLowerCase())) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The gateway as the OAuth authorization server of its sign-in MCP servers (docs/mcp-oauth.md). */
export class OAuthConfig {
  @EnvVar({
    name: 'OAUTH_ACCESS_TOKEN_TTL_SECONDS',
    description:
      'Lifetime of the access tokens agents get for sign-in MCP servers. Short, because an access token keeps working until it expires once its person loses access (a refresh is checked again).',
    default: '900',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 60 to 86400' })
  @Min(60, { message: 'must be an integer from 60 to 86400' })
  @Max(86400, { message: 'must be an integer from 60 to 86400' })
  accessTokenTtlSeconds = 900;

  @EnvVar({
    name: 'OAUTH_REFRESH_TOKEN_TTL_DAYS',
    description:
      'A refresh token unused for this many days expires; each use replaces it with a new one valid as long again (rotation), and a replayed old one revokes the whole grant.',
    default: '30',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 365' })
  @Min(1, { message: 'must be an integer from 1 to 365' })
  @Max(365, { message: 'must be an integer from 1 to 365' })
  refreshTokenTtlDays = 30;

  @EnvVar({
    name: 'OAUTH_CLIENT_METADATA_ALLOW_PRIVATE',
    description:
      'Client metadata documents (an MCP client identified by an https URL) are fetched only from public addresses. Comma-separated addresses and CIDR ranges listed here are allowed too (clients hosted on your own network, e.g. `10.0.0.0/8`); `off` allows none. Checked on the address actually connected to, after DNS.',
    default: 'off',
  })
  @Transform(({ value }) => parseCidrList(value))
  @Validate(CidrListConstraint)
  clientMetadataAllowPrivate: string[] = [];

  @EnvVar({
    name: 'OAUTH_CLIENT_METADATA_EXTRA_CA_FILE',
    description:
      'PEM file of certificate authorities trusted, besides the public ones, when fetching client metadata documents: the CA of clients hosted on your own network.',
  })
  @IsOptional()
  @IsString()
  clientMetadataExtraCaFile?: string;

  @EnvVar({
    name: 'OAUTH_REGISTRATIONS_PER_HOUR',
    description:
      'Dynamic client registrations (RFC 7591, for MCP clients without a client metadata document) one address may make per hour; past it, `429`. Registration is open, as MCP clients have no initial access token.',
    default: '20',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 10000' })
  @Min(1, { message: 'must be an integer from 1 to 10000' })
  @Max(10000, { message: 'must be an integer from 1 to 10000' })
  registrationsPerHour = 20;
}
