import type { OrganizationEntity, UserEntity } from '@gw/db';
import type { SessionDto } from './dto/session.dto';

export function toSessionDto(user: UserEntity, organization: OrganizationEntity): SessionDto {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    organization: { id: organization.id, name: organization.name },
  };
}
