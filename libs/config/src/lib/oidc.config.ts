import {
  IsOptional,
  IsString,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { EnvVar } from './env-var.decorator';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a URL cannot be an OpenID issuer, or null when it can: https, or plain http on this machine only (a test or
 * development IdP), with no query or fragment (OpenID Connect Discovery §2).
 */
export function oidcIssuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as https://login.example.com';
  }
  if (url.search || url.hash) return 'must not have a query or fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return url.protocol === 'http:'
    ? 'must use https (plain http is accepted only for an IdP on this machine: localhost, 127.0.0.1, ::1)'
    : 'must be an https URL';
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

@ValidatorConstraint({ name: 'oidcIssuer' })
class OidcIssuerConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && oidcIssuerProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return oidcIssuerProblem(String(args.value)) ?? 'must be an https URL';
  }
}

const isSet = (value: string | undefined) => value !== undefined;

const TOGETHER = 'OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three, or none';

/** The three variables are one setting: a lone one is a typo or a half-finished setup, never a choice. */
@ValidatorConstraint({ name: 'oidcAllOrNone' })
class AllOrNoneConstraint implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const config = args.object as OidcConfig;
    const set = [config.issuerUrl, config.clientId, config.clientSecret].filter(isSet);
    return set.length === 0 || set.length === 3;
  }

  defaultMessage(): string {
    return TOGETHER;
  }
}

/**
 * Console sign-in through an OpenID Connect provider. When set, these win over the provider saved in Settings,
 * which then shows them read-only.
 */
export class OidcConfig {
  @EnvVar({
    name: 'OIDC_ISSUER_URL',
    description:
      'Issuer of the OpenID Connect provider for console single sign-on (discovery at `{issuer}/.well-known/openid-configuration`); https, or http on loopback only. With the two below; unset, an owner may configure SSO in Settings.',
  })
  @IsOptional()
  @Validate(OidcIssuerConstraint)
  issuerUrl?: string;

  @EnvVar({ name: 'OIDC_CLIENT_ID', description: 'Client id of the gateway at the OpenID provider.' })
  @IsOptional()
  @IsString()
  clientId?: string;

  @EnvVar({
    name: 'OIDC_CLIENT_SECRET',
    description:
      'Client secret of the gateway at the OpenID provider. The redirect URI to register there is `{DASHBOARD_URL}/api/v1/auth/sso/callback`.',
    secret: true,
  })
  // Checked whenever any of the three is set, so a missing one is reported once, here.
  @ValidateIf((config: OidcConfig) => [config.issuerUrl, config.clientId, config.clientSecret].some(isSet))
  @Validate(AllOrNoneConstraint)
  clientSecret?: string;

  /** True when the environment names the provider. */
  get configured(): boolean {
    return this.issuerUrl !== undefined;
  }
}
