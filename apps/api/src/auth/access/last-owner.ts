import { UserEntity } from '@gw/db';
import { IsNull, type EntityManager } from 'typeorm';

export const LAST_OWNER_MESSAGE = 'The last active owner can be neither demoted nor disabled';

/**
 * The organization's active owners, locked in one order for the rest of the transaction, so two changes at once
 * (two admins, or an admin and a single sign-on) cannot both remove "the other" owner.
 */
export function lockActiveOwners(
  tx: EntityManager,
  organizationId: string,
): Promise<Pick<UserEntity, 'id'>[]> {
  return tx.getRepository(UserEntity).find({
    select: { id: true },
    where: { organizationId, role: 'owner', disabledAt: IsNull() },
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Whether a change that leaves `userId` an active owner or not (`staysOwner`) would leave the organization none. */
export function removesLastOwner(
  owners: Pick<UserEntity, 'id'>[],
  userId: string,
  staysOwner: boolean,
): boolean {
  return !staysOwner && owners.length === 1 && owners[0].id === userId;
}
