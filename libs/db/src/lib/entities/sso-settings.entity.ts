import { OrganizationEntity } from './organization.entity';
import type { Role } from './user.entity';
import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const PASSWORD_SIGN_IN_MODES = ['everyone', 'break_glass_owners'] as const;
export type PasswordSignInMode = (typeof PASSWORD_SIGN_IN_MODES)[number];

export const DEFAULT_SSO_SCOPES = 'openid email profile';
export const DEFAULT_GROUPS_CLAIM = 'groups';

/** One line of the group mapping: people in `group` at the IdP get `role` (if set) and the teams listed. */
export interface SsoGroupRule {
  group: string;
  role: Role | null;
  team_ids: string[];
}

/**
 * Console single sign-on of an organization: the OpenID provider (unless the environment names one), how its
 * groups map to roles and teams, and who may still sign in with a password. The client secret is sealed with the
 * encryption key, bound to the organization id.
 */
@Entity('sso_settings')
export class SsoSettingsEntity {
  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'issuer_url', nullable: true })
  issuerUrl: string | null;

  @Column('text', { name: 'client_id', nullable: true })
  clientId: string | null;

  @Column('text', { name: 'client_secret_ciphertext', nullable: true })
  clientSecretCiphertext: string | null;

  @Column('text', { name: 'client_secret_key_id', nullable: true })
  clientSecretKeyId: string | null;

  @Column('text', { name: 'groups_claim', default: DEFAULT_GROUPS_CLAIM })
  groupsClaim: string;

  /** Shown as "Sign in with {label}"; null means the issuer's host. */
  @Column('text', { name: 'button_label', nullable: true })
  buttonLabel: string | null;

  /** Space-separated, as sent to the IdP; `offline_access` is added when the IdP offers it. */
  @Column('text', { default: DEFAULT_SSO_SCOPES })
  scopes: string;

  @Column('jsonb', { name: 'group_rules', default: () => `'[]'` })
  groupRules: SsoGroupRule[];

  @Column('text', { name: 'password_sign_in', default: 'everyone' })
  passwordSignIn: PasswordSignInMode;

  /** Owners who may still sign in with a password when `password_sign_in` is `break_glass_owners`. */
  @Column('jsonb', { name: 'break_glass_user_ids', default: () => `'[]'` })
  breakGlassUserIds: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
