import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SsoIdentityEntity, UserEntity } from '@gw/db';
import { SecretBox } from '@gw/security';
import { Repository } from 'typeorm';
import { SESSION_TTL_MS } from '../auth/session.service';
import { groupsOf, mapGroups } from './group-mapping';
import { OidcClient } from './oidc-client.service';
import { SsoFailure } from './sso-failure';
import { refreshTokenBinding } from './sso-provisioning.service';
import { type SsoProvider, SsoProviders } from './sso-providers.service';

/**
 * Whether people who sign in through the IdP are still welcome there, for the places that keep someone signed in
 * longer than a console session (an MCP agent refreshing its token).
 */
@Injectable()
export class SsoAccounts {
  private readonly logger = new Logger('SsoAccounts');
  /** One question to the IdP per user at a time: a rotating refresh token must not be spent twice. */
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(
    @InjectRepository(SsoIdentityEntity) private readonly identities: Repository<SsoIdentityEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly providers: SsoProviders,
    private readonly oidc: OidcClient,
    private readonly box: SecretBox,
  ) {}

  /**
   * True for a user who never signed in by SSO. For one who did: asks the IdP with the stored refresh token, and
   * answers false when the IdP refuses it (account disabled or deleted, grant revoked) or when the refreshed ID
   * token's groups no longer match any mapping rule. Without a refresh token (the IdP gave none), when SSO is no
   * longer configured for that IdP, or while the IdP cannot be reached, the answer is whether the last SSO sign-in
   * is younger than a console session (12 hours). Says nothing of the user's standing in the console.
   */
  stillActiveAtIdp(userId: string): Promise<boolean> {
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const check = this.check(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, check);
    return check;
  }

  private async check(userId: string): Promise<boolean> {
    const identity = await this.identities.findOneBy({ userId });
    if (!identity) return true;
    const recent = Date.now() - identity.signedInAt.getTime() < SESSION_TTL_MS;
    const user = await this.users.findOne({
      select: { id: true, organizationId: true, email: true },
      where: { id: userId },
    });
    const provider = user && (await this.providers.forOrganization(user.organizationId));
    if (!user || !provider || provider.issuer !== identity.issuer || !identity.refreshTokenCiphertext)
      return recent;
    const refreshToken = this.box.open(
      { ciphertext: identity.refreshTokenCiphertext, keyId: identity.refreshTokenKeyId as string },
      refreshTokenBinding(identity.id),
    );
    try {
      const config = await this.oidc.configuration(provider);
      const tokens = await this.oidc.refresh(config, refreshToken);
      if (tokens.refresh_token && tokens.refresh_token !== refreshToken) {
        const sealed = this.box.seal(tokens.refresh_token, refreshTokenBinding(identity.id));
        await this.identities.update(
          { id: identity.id },
          { refreshTokenCiphertext: sealed.ciphertext, refreshTokenKeyId: sealed.keyId },
        );
      }
      return stillMapped(provider, tokens.claims(), user.email);
    } catch (error) {
      if (error instanceof SsoFailure && error.code === 'idp_unavailable') {
        this.logger.warn(
          `the IdP could not be reached to re-check user ${userId}; answering from its last sign-in`,
        );
        return recent;
      }
      if (error instanceof SsoFailure) return false;
      throw error;
    }
  }
}

/** A refreshed ID token that carries the groups claim must still match a rule; one without it says nothing. */
function stillMapped(
  provider: SsoProvider,
  claims: Record<string, unknown> | undefined,
  email: string,
): boolean {
  if (!claims || !(provider.groupsClaim in claims)) return true;
  return mapGroups(provider.rules, { groups: groupsOf(claims, provider.groupsClaim), email }).assigned;
}
