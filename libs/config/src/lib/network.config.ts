import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  MinLength,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { isIP } from 'node:net';
import { EnvVar } from './env-var.decorator';

/** Which proxies in front of the api may name the client address: none, the nearest n hops, or these networks. */
export type TrustProxy = false | number | string[];

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === false) return true;
    if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 10;
    return Array.isArray(value) && value.length > 0 && value.every((entry) => isAddressOrCidr(String(entry)));
  }

  defaultMessage(_args: ValidationArguments): string {
    return 'must be off, a hop count from 1 to 10, or comma-separated addresses and CIDR ranges';
  }
}

export function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function parseTrustProxy(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (['off', 'false', 'no', '0'].includes(text.toLowerCase())) return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export class NetworkConfig {
  @EnvVar({
    name: 'TRUST_PROXY',
    description:
      'Which reverse proxies may name the client address with `X-Forwarded-For` (used in audit rows, security events and rate limits): `off`, a hop count (`1` = the nearest proxy), or comma-separated addresses and CIDR ranges of your proxies. Off, the address is the TCP peer and `X-Forwarded-For` is ignored, so nobody can forge it.',
    default: 'off',
  })
  @Transform(({ value }) => parseTrustProxy(value))
  @Validate(TrustProxyConstraint)
  trustProxy: TrustProxy = false;

  @EnvVar({
    name: 'CLIENT_IP_SECRET',
    description:
      'Secret the dashboard and the api share (at least 32 characters) so the dashboard can pass the browser address to the api in a signed `x-gateway-client-ip` header; the api believes that header only with a valid signature. Give the dashboard the same value: `npm start` generates one for both, docker compose passes `CLIENT_IP_SECRET` to both. Unset, the api sees the dashboard as the client of every request it proxies, so the failed sign-ins of one browser spend the failure budget of every dashboard user.',
    secret: true,
  })
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  clientIpSecret?: string;

  @EnvVar({
    name: 'FAILED_REQUESTS_PER_MINUTE',
    description:
      'Failed requests one client address may make per minute (unknown MCP URLs, rejected credentials, failed sign-ins) before its unauthenticated requests answer `429` with `Retry-After`. Counted across api processes on Redis when `REDIS_URL` is set.',
    default: '30',
  })
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 100000' })
  @Min(1, { message: 'must be an integer from 1 to 100000' })
  @Max(100000, { message: 'must be an integer from 1 to 100000' })
  failedRequestsPerMinute = 30;
}
