import { PasswordResetEntity, SessionEntity } from '@gw/db';
import { IsNull, type EntityManager } from 'typeorm';

/**
 * Ends every session and unused password-reset link of a user, as disabling it does. Its API tokens need nothing
 * here: the principal resolver reads the creator's standing on every request.
 */
export async function endUserAccess(tx: EntityManager, userId: string): Promise<void> {
  await tx.getRepository(SessionEntity).delete({ userId });
  await tx.getRepository(PasswordResetEntity).update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
}
