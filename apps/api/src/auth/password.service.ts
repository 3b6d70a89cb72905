import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@gw/config';
import { PasswordResetEntity, SessionEntity, UserEntity } from '@gw/db';
import { generateSecret, hashPassword, sha256Hex, verifyPassword } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Not, Repository } from 'typeorm';
import type { Principal } from './principal';

/** How long an admin's password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** The dashboard page that consumes a reset link; the secret travels in the fragment, which browsers never send. */
export const PASSWORD_RESET_PATH = '/reset-password';

export interface PasswordResetLink {
  resetUrl: string;
  expiresAt: Date;
}

/**
 * Password changes: the signed-in user's own (with the current password) and the one-time links an admin hands out.
 * Either ends the user's other sessions, so whoever held the old password loses the access it gave.
 */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly app: AppConfig,
  ) {}

  async change(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    if (principal.kind !== 'user' || !principal.sessionId) {
      throw new ForbiddenException('Only a signed-in user changes its password, never an API token');
    }
    const user = await this.users.findOneByOrFail({ id: principal.id });
    if (!(await verifyPassword(currentPassword, user.passwordHash ?? ''))) {
      throw new ForbiddenException('The current password is wrong');
    }
    if (currentPassword === newPassword) {
      throw new BadRequestException(['new_password must differ from current_password']);
    }
    const passwordHash = await hashPassword(newPassword);
    const sessionId = principal.sessionId;
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      await tx.getRepository(SessionEntity).delete({ userId: user.id, id: Not(sessionId) });
      await tx
        .getRepository(PasswordResetEntity)
        .update({ userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
    });
  }

  /** A new link for `userId`, replacing any earlier unused one; the secret is returned here only. */
  async createResetLink(userId: string): Promise<PasswordResetLink> {
    const token = generateSecret('gwr_');
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await this.dataSource.transaction(async (tx) => {
      const resets = tx.getRepository(PasswordResetEntity);
      await resets.update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
      await resets.insert({ id: randomUUID(), userId, tokenHash: sha256Hex(token), expiresAt, usedAt: null });
    });
    const url = new URL(PASSWORD_RESET_PATH, this.app.dashboardUrl);
    url.hash = `token=${token}`;
    return { resetUrl: url.toString(), expiresAt };
  }

  /** Spends a reset link: sets the password and ends every session of the user, whom it returns. */
  async completeReset(token: string, newPassword: string): Promise<UserEntity> {
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (tx) => {
      // The conditional update claims the link, so two uses at once cannot both succeed.
      const claimed = await tx
        .getRepository(PasswordResetEntity)
        .createQueryBuilder()
        .update()
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', { hash: sha256Hex(token) })
        .returning('user_id')
        .execute();
      const userId = (claimed.raw as { user_id: string }[])[0]?.user_id;
      const user =
        userId && (await tx.getRepository(UserEntity).findOneBy({ id: userId, disabledAt: IsNull() }));
      if (!user) throw new BadRequestException(['This reset link is invalid, used or expired']);
      await tx.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      await tx.getRepository(SessionEntity).delete({ userId: user.id });
      return user;
    });
  }
}
