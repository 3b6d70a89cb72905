import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MembershipEntity, TeamEntity, UserEntity } from '@gw/db';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../common/database/unique-violation';
import type { CreateTeamDto } from './dto/create-team.dto';
import type { TeamDetailDto, TeamDto } from './dto/team.dto';

/** Teams and their members. A `member` sees only its own teams; the others see every team of the organization. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async list(principal: Principal): Promise<TeamDto[]> {
    const visible = await this.visibleTeamIds(principal);
    const rows = await this.teams.find({
      where: { organizationId: principal.organizationId, ...(visible ? { id: In(visible) } : {}) },
      order: { name: 'ASC' },
    });
    const counts = await this.memberCounts(rows.map((t) => t.id));
    return rows.map((team) => toTeamDto(team, counts.get(team.id) ?? 0));
  }

  async create(principal: Principal, body: CreateTeamDto): Promise<TeamDetailDto> {
    const team = this.teams.create({
      id: randomUUID(),
      organizationId: principal.organizationId,
      name: body.name,
    });
    try {
      await this.teams.insert(team);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`A team named "${body.name}" already exists`);
      throw error;
    }
    return this.detail(await this.teams.findOneByOrFail({ id: team.id }));
  }

  async get(principal: Principal, id: string): Promise<TeamDetailDto> {
    return this.detail(await this.findVisible(principal, id));
  }

  async addMember(principal: Principal, teamId: string, userId: string): Promise<TeamDetailDto> {
    const team = await this.findVisible(principal, teamId);
    const user = await this.users.findOneBy({ id: userId, organizationId: principal.organizationId });
    if (!user) throw new NotFoundException('No such user');
    // Adding someone who is already a member changes nothing, so scripts can repeat the call.
    await this.memberships
      .createQueryBuilder()
      .insert()
      .values({ id: randomUUID(), teamId: team.id, userId: user.id })
      .orIgnore()
      .execute();
    return this.detail(team);
  }

  async removeMember(principal: Principal, teamId: string, userId: string): Promise<void> {
    const team = await this.findVisible(principal, teamId);
    const { affected } = await this.memberships.delete({ teamId: team.id, userId });
    if (!affected) throw new NotFoundException('That user is not a member of this team');
  }

  /** The teams a user belongs to. */
  async teamIdsOf(userId: string | null): Promise<string[]> {
    if (!userId) return [];
    const rows = await this.memberships.find({ where: { userId }, select: { teamId: true } });
    return rows.map((m) => m.teamId);
  }

  /** A team of the organization, or null. */
  findInOrganization(organizationId: string, id: string): Promise<TeamEntity | null> {
    return this.teams.findOneBy({ id, organizationId });
  }

  /** Null means every team of the organization. */
  private async visibleTeamIds(principal: Principal): Promise<string[] | null> {
    return principal.role === 'member' ? this.teamIdsOf(principal.userId) : null;
  }

  /** Whether a user belongs to a team. */
  isMember(userId: string, teamId: string): Promise<boolean> {
    return this.memberships.existsBy({ userId, teamId });
  }

  /** Those of `ids` that are teams of the organization. */
  async idsInOrganization(organizationId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.teams.find({ where: { organizationId, id: In([...ids]) }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** A team the principal may see; another organization's, or another team for a member, is a 404. */
  async findVisible(principal: Principal, id: string): Promise<TeamEntity> {
    const team = await this.findInOrganization(principal.organizationId, id);
    const visible = await this.visibleTeamIds(principal);
    if (!team || (visible && !visible.includes(team.id))) throw new NotFoundException('No such team');
    return team;
  }

  private async detail(team: TeamEntity): Promise<TeamDetailDto> {
    const memberIds = (await this.memberships.find({ where: { teamId: team.id } })).map((m) => m.userId);
    const members = memberIds.length
      ? await this.users.find({ where: { id: In(memberIds) }, order: { name: 'ASC' } })
      : [];
    return {
      ...toTeamDto(team, members.length),
      members: members.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })),
    };
  }

  private async memberCounts(teamIds: string[]): Promise<Map<string, number>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.memberships
      .createQueryBuilder('m')
      .select('m.team_id', 'team_id')
      .addSelect('COUNT(*)::int', 'count')
      .where('m.team_id IN (:...teamIds)', { teamIds })
      .groupBy('m.team_id')
      .getRawMany<{ team_id: string; count: number }>();
    return new Map(rows.map((r) => [r.team_id, r.count]));
  }
}

function toTeamDto(team: TeamEntity, memberCount: number): TeamDto {
  return {
    id: team.id,
    name: team.name,
    member_count: memberCount,
    created_at: team.createdAt.toISOString(),
  };
}
