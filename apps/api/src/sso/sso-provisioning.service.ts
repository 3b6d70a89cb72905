import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity, SsoIdentityEntity, TeamEntity, UserEntity } from '@gw/db';
import { SecretBox, ssoRefreshTokenAad } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { isLastBreakGlassOwner } from '../auth/access/break-glass';
import { lockActiveOwners, removesLastOwner } from '../auth/access/last-owner';
import { mapGroups, type MappedAccess } from './group-mapping';
import { SsoFailure } from './sso-failure';
import type { SsoProvider } from './sso-providers.service';

/** A person the IdP vouched for: its ID token (and userinfo) checked, the email verified. */
export interface VerifiedPerson {
  issuer: string;
  subject: string;
  /** Lower-cased. */
  email: string;
  name: string;
  groups: string[];
  refreshToken: string | null;
}

export interface ProvisionedUser {
  user: UserEntity;
  access: MappedAccess;
  /** Created at this sign-in, linked by email at this sign-in, or already linked. */
  how: 'created' | 'linked' | 'signed_in';
  /** The mapping would have demoted the organization's last active owner; the role stayed owner. */
  keptLastOwner: boolean;
}

/** Associated data of a sealed IdP refresh token: it opens only on its own identity row. */
export const refreshTokenBinding = ssoRefreshTokenAad;

/**
 * Just-in-time accounts: the person's user is found by IdP subject, else by verified email (and linked), else
 * created; then the group mapping decides its role and mapped teams, at every sign-in. All in one transaction that
 * holds the organization's owners, so the last active owner is never demoted, whatever runs at the same time.
 */
@Injectable()
export class SsoProvisioning {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  provision(provider: SsoProvider, person: VerifiedPerson): Promise<ProvisionedUser> {
    return this.dataSource.transaction(async (tx) => {
      const organizationId = provider.organizationId;
      const owners = await lockActiveOwners(tx, organizationId);
      const identities = tx.getRepository(SsoIdentityEntity);
      const users = tx.getRepository(UserEntity);
      const identity = await identities.findOneBy({ issuer: person.issuer, subject: person.subject });
      const found = identity
        ? await users.findOneBy({ id: identity.userId })
        : await users.findOneBy({ email: person.email });
      if (found && found.organizationId !== organizationId) throw new SsoFailure('other_organization');
      const known = found && { id: found.id, email: found.email, organizationId };
      if (found?.disabledAt) throw new SsoFailure('disabled', known ?? undefined);

      const access = mapGroups(provider.rules, { groups: person.groups, email: person.email });
      if (!access.assigned) throw new SsoFailure('not_assigned', known ?? undefined);

      const demotesOwner = found?.role === 'owner' && access.role !== 'owner';
      // The last owner, and the last break-glass owner while passwords are for them only, stay owners.
      const keptLastOwner =
        demotesOwner &&
        (removesLastOwner(owners, found.id, false) ||
          (await isLastBreakGlassOwner(tx, organizationId, found.id)));
      const role = keptLastOwner ? 'owner' : access.role;
      let user: UserEntity;
      if (found) {
        if (found.role !== role) await users.update({ id: found.id }, { role });
        user = { ...found, role };
      } else {
        const id = randomUUID();
        await users.insert({
          id,
          organizationId,
          email: person.email,
          name: person.name,
          role,
          passwordHash: null,
          disabledAt: null,
        });
        user = await users.findOneByOrFail({ id });
      }
      await this.saveIdentity(tx, user.id, person);
      await this.applyTeams(tx, organizationId, user.id, access);
      return { user, access, keptLastOwner, how: !found ? 'created' : identity ? 'signed_in' : 'linked' };
    });
  }

  /** One IdP account per user: a user linked before (another issuer, say) is re-linked to this one. */
  private async saveIdentity(tx: EntityManager, userId: string, person: VerifiedPerson): Promise<void> {
    const identities = tx.getRepository(SsoIdentityEntity);
    const id = (await identities.findOneBy({ userId }))?.id ?? randomUUID();
    const sealed = person.refreshToken ? this.box.seal(person.refreshToken, refreshTokenBinding(id)) : null;
    await identities.upsert(
      {
        id,
        userId,
        issuer: person.issuer,
        subject: person.subject,
        refreshTokenCiphertext: sealed?.ciphertext ?? null,
        refreshTokenKeyId: sealed?.keyId ?? null,
        signedInAt: new Date(),
      },
      ['id'],
    );
  }

  /**
   * Memberships of the teams some rule names follow the mapping: added when a group maps to the team, removed when
   * none does any more. Teams no rule names are managed in the console and left alone.
   */
  private async applyTeams(
    tx: EntityManager,
    organizationId: string,
    userId: string,
    access: MappedAccess,
  ): Promise<void> {
    if (access.managedTeamIds.length === 0) return;
    const existing = await tx.getRepository(TeamEntity).find({
      select: { id: true },
      where: { organizationId, id: In(access.managedTeamIds) },
    });
    const managed = existing.map((t) => t.id);
    const wanted = access.teamIds.filter((id) => managed.includes(id));
    const memberships = tx.getRepository(MembershipEntity);
    const unwanted = managed.filter((id) => !wanted.includes(id));
    if (unwanted.length > 0) await memberships.delete({ userId, teamId: In(unwanted) });
    if (wanted.length > 0) {
      await memberships
        .createQueryBuilder()
        .insert()
        .values(wanted.map((teamId) => ({ id: randomUUID(), teamId, userId })))
        .orIgnore()
        .execute();
    }
  }
}
