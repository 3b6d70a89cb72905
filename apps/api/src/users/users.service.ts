import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { MembershipEntity, SsoIdentityEntity, UserEntity } from '@gw/db';
import { generatePassword, hashPassword } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import type { Principal } from '../auth/principal';
import { endUserAccess } from '../auth/user-access';
import { isLastBreakGlassOwner, LAST_BREAK_GLASS_MESSAGE } from '../auth/access/break-glass';
import { LAST_OWNER_MESSAGE, lockActiveOwners, removesLastOwner } from '../auth/access/last-owner';
import { canGrant } from '../auth/access/roles';
import { isUniqueViolation } from '../common/database/unique-violation';
import type { CreateUserDto } from './dto/create-user.dto';
import type { PasswordResetLinkDto } from './dto/password-reset-link.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { CreatedUserDto, UserDto } from './dto/user.dto';

/**
 * Dashboard users of an organization. Passwords are stored as scrypt hashes only. Owners and admins change roles and
 * disable users; only an owner makes, unmakes, disables or resets an owner; the last active owner can be neither
 * demoted nor disabled; nobody disables itself.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(SsoIdentityEntity) private readonly identities: Repository<SsoIdentityEntity>,
    private readonly passwords: PasswordService,
  ) {}

  async list(principal: Principal): Promise<UserDto[]> {
    const rows = await this.users.find({
      where: { organizationId: principal.organizationId },
      order: { createdAt: 'ASC' },
    });
    const ids = rows.map((u) => u.id);
    const [teams, linked] = await Promise.all([this.teamsByUser(ids), this.linkedToIdp(ids)]);
    return rows.map((u) => toUserDto(u, teams.get(u.id) ?? [], linked.has(u.id)));
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
    return { ...toUserDto(saved, [], false), ...(generated ? { password: generated } : {}) };
  }

  async update(principal: Principal, id: string, body: UpdateUserDto): Promise<UserDto> {
    if (body.role === undefined && body.disabled === undefined) {
      throw new BadRequestException(['Send role, disabled or both']);
    }
    const updated = await this.dataSource.transaction(async (tx) => {
      // The active owners are locked first, in one order, so two changes at once cannot both remove "the other" owner.
      const owners = await lockActiveOwners(tx, principal.organizationId);
      const users = tx.getRepository(UserEntity);
      const target = await users.findOneBy({ id, organizationId: principal.organizationId });
      if (!target) throw new NotFoundException('No such user');
      const role = body.role ?? target.role;
      const disabled = body.disabled ?? target.disabledAt !== null;
      if ((target.role === 'owner' || role === 'owner') && principal.role !== 'owner') {
        throw new ForbiddenException('Only an owner can change an owner or make one');
      }
      if (!canGrant(principal.role, role)) {
        throw new ForbiddenException(`A ${principal.role} cannot give the role ${role}`);
      }
      if (disabled && target.disabledAt === null && target.id === principal.userId) {
        throw new ForbiddenException('You cannot disable yourself');
      }
      const staysOwner = role === 'owner' && !disabled;
      if (removesLastOwner(owners, target.id, staysOwner)) throw new ConflictException(LAST_OWNER_MESSAGE);
      if (!staysOwner && (await isLastBreakGlassOwner(tx, principal.organizationId, target.id))) {
        throw new ConflictException(LAST_BREAK_GLASS_MESSAGE);
      }
      const disabledAt = disabled ? (target.disabledAt ?? new Date()) : null;
      await users.update({ id: target.id }, { role, disabledAt });
      if (disabled && target.disabledAt === null) await endUserAccess(tx, target.id);
      return users.findOneByOrFail({ id: target.id });
    });
    const [teams, linked] = await Promise.all([
      this.teamsByUser([updated.id]),
      this.linkedToIdp([updated.id]),
    ]);
    return toUserDto(updated, teams.get(updated.id) ?? [], linked.has(updated.id));
  }

  async createPasswordReset(principal: Principal, id: string): Promise<PasswordResetLinkDto> {
    const target = await this.users.findOneBy({ id, organizationId: principal.organizationId });
    if (!target) throw new NotFoundException('No such user');
    if (target.role === 'owner' && principal.role !== 'owner') {
      throw new ForbiddenException('Only an owner can reset an owner’s password');
    }
    if (target.disabledAt) throw new ConflictException('The user is disabled; enable it first');
    const link = await this.passwords.createResetLink(target.id);
    return { reset_url: link.resetUrl, expires_at: link.expiresAt.toISOString() };
  }

  /** The users among `userIds` who signed in through the OpenID provider at least once. */
  private async linkedToIdp(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.identities.find({ select: { userId: true }, where: { userId: In(userIds) } });
    return new Set(rows.map((r) => r.userId));
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

function toUserDto(user: UserEntity, teamIds: string[], sso: boolean): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    team_ids: teamIds,
    disabled: user.disabledAt !== null,
    sso,
    created_at: user.createdAt.toISOString(),
  };
}
