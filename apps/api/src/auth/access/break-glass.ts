import { SsoSettingsEntity, UserEntity } from '@gw/db';
import { In, IsNull, type EntityManager } from 'typeorm';

export const LAST_BREAK_GLASS_MESSAGE =
  'This is the last break-glass owner while password sign-in is limited to break-glass owners; list another owner ' +
  'in Settings → Single sign-on first';

/**
 * Whether `userId` is the last active owner who may still sign in with a password while the organization limits
 * password sign-in to break-glass owners: without one, an IdP outage would lock everyone out. Call it with the
 * organization's owners locked (`lockActiveOwners`), so two changes at once cannot both pass.
 */
export async function isLastBreakGlassOwner(
  tx: EntityManager,
  organizationId: string,
  userId: string,
): Promise<boolean> {
  const settings = await tx.getRepository(SsoSettingsEntity).findOneBy({ organizationId });
  if (settings?.passwordSignIn !== 'break_glass_owners' || !settings.breakGlassUserIds.includes(userId)) {
    return false;
  }
  const active = await tx.getRepository(UserEntity).count({
    where: { organizationId, id: In(settings.breakGlassUserIds), role: 'owner', disabledAt: IsNull() },
  });
  return active <= 1;
}
