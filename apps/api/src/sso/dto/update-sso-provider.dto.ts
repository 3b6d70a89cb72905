import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Absent keeps what is saved; `null` is no value these fields can take, so it is validated (and refused). */
const unlessAbsent = () => ValidateIf((_, value) => value !== undefined);

export class UpdateSsoProviderDto {
  @ApiPropertyOptional({
    example: 'https://acme.okta.com',
    description: 'The issuer; https, or http on loopback only. Refused while `OIDC_ISSUER_URL` is set.',
  })
  @unlessAbsent()
  @IsString()
  @MaxLength(2000)
  issuer_url?: string;

  @ApiPropertyOptional({ description: 'Refused while `OIDC_CLIENT_ID` is set.' })
  @unlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  client_id?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description:
      'Stored encrypted and never returned; absent keeps the stored one. Refused while `OIDC_CLIENT_SECRET` is set.',
  })
  @unlessAbsent()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  client_secret?: string;

  @ApiPropertyOptional({ example: 'groups' })
  @unlessAbsent()
  @Matches(/^[A-Za-z0-9_:.\-/]{1,200}$/, {
    message: 'groups_claim must be a claim name (letters, digits, _ : . - /)',
  })
  groups_claim?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Okta',
    description: 'null restores the default.',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  button_label?: string | null;

  @ApiPropertyOptional({ example: 'openid email profile groups', description: 'Must include `openid`.' })
  @unlessAbsent()
  @Matches(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, {
    message: 'scopes must be scope names separated by single spaces',
  })
  @MaxLength(1000)
  scopes?: string;
}
