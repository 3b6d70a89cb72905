import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_SIGN_IN_MODES, type PasswordSignInMode, ROLES, type Role } from '@gw/db';

export class SsoGroupRuleDto {
  @ApiProperty({
    example: 'gateway-admins',
    description:
      'A group as the IdP sends it in the groups claim; `*` for everyone who signs in; `@example.com` for verified emails of that domain.',
  })
  group: string;
  @ApiProperty({
    enum: ROLES,
    nullable: true,
    description: 'The role it gives; null for a rule that only adds teams.',
  })
  role: Role | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Teams it makes the person a member of.' })
  team_ids: string[];
}

export class SsoSettingsDto {
  @ApiProperty({
    enum: ['env', 'settings', 'none'],
    description:
      '`env`: the provider comes from `OIDC_*` and is read-only here; `none`: single sign-on is off.',
  })
  source: 'env' | 'settings' | 'none';
  @ApiProperty({ nullable: true, type: String, example: 'https://acme.okta.com' }) issuer_url: string | null;
  @ApiProperty({ nullable: true, type: String }) client_id: string | null;
  @ApiProperty({ description: 'Whether a client secret is stored; the secret itself is never returned.' })
  client_secret_set: boolean;
  @ApiProperty({
    example: 'groups',
    description: 'The ID token or userinfo claim that lists the person’s groups.',
  })
  groups_claim: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The button label as saved; null means the default.',
  })
  button_label: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What the sign-in page shows: "Sign in with {label}" (the issuer’s host by default).',
  })
  effective_button_label: string | null;
  @ApiProperty({ example: 'openid email profile groups' }) scopes: string;
  @ApiProperty({
    example: 'https://gateway.example.com/api/v1/auth/sso/callback',
    description: 'The redirect URI to register at the IdP: `{DASHBOARD_URL}/api/v1/auth/sso/callback`.',
  })
  redirect_uri: string;
  @ApiProperty({
    type: [SsoGroupRuleDto],
    description:
      'Applied at every sign-in: the first matching rule with a role decides it; teams of all match.',
  })
  group_rules: SsoGroupRuleDto[];
  @ApiProperty({ enum: PASSWORD_SIGN_IN_MODES }) password_sign_in: PasswordSignInMode;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Owners who may still sign in with a password.',
  })
  break_glass_user_ids: string[];
}
