import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MembershipEntity, UserEntity } from '@gw/db';
import { generatePassword, hashPassword } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { canGrant } from '../common/access/roles';
import { isUniqueViolation } from '../common/database/unique-violation';
import type { CreateUserDto } from './dto/create-user.dto';
import type { CreatedUserDto, UserDto } from './dto/user.dto';

/** Dashboard users of an organization. Passwords are stored as scrypt hashes only. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async list(principal: Principal): Promise<UserDto[]> {
    const rows = await this.users.find({
      where: { organizationId: principal.organizationId },
      order: { createdAt: 'ASC' },
    });
    const teams = await this.teamsByUser(rows.map((u) => u.id));
    return rows.map((u) => toUserDto(u, teams.get(u.id) ?? []));
  }

  async create(principal: Principal, body: CreateUserDto): Promise<CreatedUserDto> {
    if (!canGrant(principal.role, body.role)) {
      throw new ForbiddenException(`A ${principal.role} cannot create a user with the role ${body.role}`);
    }
    const generated = body.password ? undefined : generatePassword();
    const user = this.users.create({
      id: randomUUID(),
      organizationId: principal.organizationId,
      email: body.email.toLowerCase(),
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password ?? (generated as string)),
      disabledAt: null,
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('A user with this email already exists');
      throw error;
    }
    const saved = await this.users.findOneByOrFail({ id: user.id });
    return { ...toUserDto(saved, []), ...(generated ? { password: generated } : {}) };
  }

  private async teamsByUser(userIds: string[]): Promise<Map<string, string[]>> {
    const byUser = new Map<string, string[]>();
    if (userIds.length === 0) return byUser;
    for (const m of await this.memberships.find({ where: { userId: In(userIds) } })) {
      byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m.teamId]);
    }
    return byUser;
  }
}

function toUserDto(user: UserEntity, teamIds: string[]): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    team_ids: teamIds,
    disabled: user.disabledAt !== null,
    created_at: user.createdAt.toISOString(),
  };
}
