import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { OidcConfig } from '@gw/config';
import { DEFAULT_GROUPS_CLAIM, DEFAULT_SSO_SCOPES, type SsoGroupRule, SsoSettingsEntity } from '@gw/db';
import { SecretBox, ssoClientSecretAad } from '@gw/security';
import { DataSource, Repository } from 'typeorm';

/** The OpenID provider an organization signs in with, as the sign-in needs it. */
export interface SsoProvider {
  organizationId: string;
  /** Where the issuer, client id and secret come from: the environment wins over Settings. */
  source: 'env' | 'settings';
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  scopes: string[];
  /** The name on the sign-in button: "Sign in with {label}". */
  label: string;
  rules: SsoGroupRule[];
}

/** Associated data of a sealed client secret: it opens only on the row of its own organization. */
export const clientSecretBinding = ssoClientSecretAad;

/**
 * Reads the provider of an organization. The gateway serves one organization (the one its first start created):
 * the public sign-in routes use that one, and the environment's provider belongs to it.
 */
@Injectable()
export class SsoProviders {
  private gatewayOrganization?: Promise<string | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SsoSettingsEntity) private readonly settings: Repository<SsoSettingsEntity>,
    private readonly env: OidcConfig,
    private readonly box: SecretBox,
  ) {}

  /** The organization the sign-in page signs in to; null before the first start created it. */
  gatewayOrganizationId(): Promise<string | null> {
    this.gatewayOrganization ??= this.dataSource
      .query('SELECT id FROM organizations ORDER BY created_at ASC LIMIT 1')
      .then((rows: { id: string }[]) => rows[0]?.id ?? null);
    const pending = this.gatewayOrganization;
    // An answer of "none yet" is not kept: the organization appears at the first start.
    void pending.then((id) => {
      if (id === null && this.gatewayOrganization === pending) this.gatewayOrganization = undefined;
    });
    return pending;
  }

  settingsOf(organizationId: string): Promise<SsoSettingsEntity | null> {
    return this.settings.findOneBy({ organizationId });
  }

  /** The provider when one is configured (environment or Settings), else null. */
  async forOrganization(organizationId: string): Promise<SsoProvider | null> {
    const saved = await this.settingsOf(organizationId);
    const common = {
      organizationId,
      groupsClaim: saved?.groupsClaim ?? DEFAULT_GROUPS_CLAIM,
      scopes: (saved?.scopes ?? DEFAULT_SSO_SCOPES).split(/\s+/).filter(Boolean),
      rules: saved?.groupRules ?? [],
    };
    if (this.env.configured) {
      const issuer = this.env.issuerUrl as string;
      return {
        ...common,
        source: 'env',
        issuer,
        clientId: this.env.clientId as string,
        clientSecret: this.env.clientSecret as string,
        label: saved?.buttonLabel ?? defaultLabel(issuer),
      };
    }
    if (!saved?.issuerUrl || !saved.clientId || !saved.clientSecretCiphertext || !saved.clientSecretKeyId) {
      return null;
    }
    return {
      ...common,
      source: 'settings',
      issuer: saved.issuerUrl,
      clientId: saved.clientId,
      clientSecret: this.box.open(
        { ciphertext: saved.clientSecretCiphertext, keyId: saved.clientSecretKeyId },
        clientSecretBinding(organizationId),
      ),
      label: saved.buttonLabel ?? defaultLabel(saved.issuerUrl),
    };
  }
}

/** The issuer's host name, as a button label nobody had to type: "Sign in with acme.okta.com". */
export function defaultLabel(issuer: string): string {
  return new URL(issuer).hostname;
}
