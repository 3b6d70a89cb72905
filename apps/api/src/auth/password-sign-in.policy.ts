import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SsoSettingsEntity, type UserEntity } from '@gw/db';
import { Repository } from 'typeorm';

/**
 * Who may sign in with a password: everyone, unless the organization turned password sign-in off for all but the
 * owners it listed as break-glass accounts (single sign-on being the way in for everyone else).
 */
@Injectable()
export class PasswordSignInPolicy {
  constructor(
    @InjectRepository(SsoSettingsEntity) private readonly settings: Repository<SsoSettingsEntity>,
  ) {}

  async allows(user: Pick<UserEntity, 'id' | 'organizationId' | 'role'>): Promise<boolean> {
    const settings = await this.settings.findOne({
      select: { organizationId: true, passwordSignIn: true, breakGlassUserIds: true },
      where: { organizationId: user.organizationId },
    });
    if (!settings || settings.passwordSignIn === 'everyone') return true;
    return user.role === 'owner' && settings.breakGlassUserIds.includes(user.id);
  }
}
