import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ClickUpConnectionEntity,
  ConnectionTeamGrantEntity,
  TeamPolicyEntity,
  type ApprovalPolicy,
} from '@gw/db';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { ApprovalPolicyChecks, storedPolicy } from '../../approvals/approval-policy.checks';
import type { Principal } from '../../auth/principal';
import { toApprovalPolicyDto } from '../../approvals/approval-policy.mapper';
import type { SetTeamPolicyDto, TeamPolicyDto } from '../dto/team-policy.dto';
import { TeamsService } from '../teams.service';
import { DEFAULT_TEAM_POLICY, type TeamPolicy, usableConnectionIds } from './team-policy';

/**
 * What a team's members may reach: the connections an admin granted to the team, and the team's policy (or the
 * default one). Owners and admins are never limited by either.
 */
@Injectable()
export class TeamAccessService {
  constructor(
    @InjectRepository(TeamPolicyEntity) private readonly policies: Repository<TeamPolicyEntity>,
    @InjectRepository(ConnectionTeamGrantEntity)
    private readonly grants: Repository<ConnectionTeamGrantEntity>,
    @InjectRepository(ClickUpConnectionEntity)
    private readonly connections: Repository<ClickUpConnectionEntity>,
    private readonly dataSource: DataSource,
    private readonly teams: TeamsService,
    private readonly approvalChecks: ApprovalPolicyChecks,
  ) {}

  async getPolicy(principal: Principal, teamId: string): Promise<TeamPolicyDto> {
    const team = await this.teams.findVisible(principal, teamId);
    return this.policyDto(team.id);
  }

  async setPolicy(principal: Principal, teamId: string, body: SetTeamPolicyDto): Promise<TeamPolicyDto> {
    const team = await this.teams.findVisible(principal, teamId);
    await this.checkConnections(principal.organizationId, body.connection_ids);
    const current = await this.policies.findOneBy({ teamId: team.id });
    const approval =
      body.approval === undefined
        ? (current?.approval ?? null)
        : body.approval === null
          ? null
          : storedPolicy(body.approval);
    await this.approvalChecks.check(principal, approval ?? undefined, undefined, 'approval');
    await this.policies.upsert(
      {
        teamId: team.id,
        organizationId: principal.organizationId,
        connectionIds: body.connection_ids,
        workspaceIds: body.workspace_ids,
        tags: body.tags,
        methods: body.methods,
        requireSpacePinning: body.require_space_pinning,
        requireApiTokenAuth: body.require_api_token_auth,
        maxExpiryDays: body.max_expiry_days,
        approval,
        updatedByUserId: principal.userId,
      },
      ['teamId'],
    );
    return this.policyDto(team.id);
  }

  /** Each team's policy; teams without one get the default. */
  async policiesOf(teamIds: readonly string[]): Promise<Map<string, TeamPolicy>> {
    const rows = teamIds.length ? await this.policies.findBy({ teamId: In([...teamIds]) }) : [];
    const byTeam = new Map(rows.map((row) => [row.teamId, toPolicy(row)]));
    return new Map(teamIds.map((id) => [id, byTeam.get(id) ?? DEFAULT_TEAM_POLICY]));
  }

  /** The approval policy a new server of the team gets when its body names none. */
  async defaultApprovalOf(teamId: string): Promise<ApprovalPolicy | null> {
    return (await this.policies.findOneBy({ teamId }))?.approval ?? null;
  }

  /** The connections granted to each team. */
  async grantedConnectionIds(teamIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = teamIds.length ? await this.grants.findBy({ teamId: In([...teamIds]) }) : [];
    const byTeam = new Map<string, string[]>(teamIds.map((id) => [id, []]));
    for (const row of rows) byTeam.get(row.teamId)?.push(row.connectionId);
    return byTeam;
  }

  /** The teams each connection is granted to. */
  async grantedTeamIds(connectionIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = connectionIds.length
      ? await this.grants.find({
          where: { connectionId: In([...connectionIds]) },
          order: { createdAt: 'ASC' },
        })
      : [];
    const byConnection = new Map<string, string[]>(connectionIds.map((id) => [id, []]));
    for (const row of rows) byConnection.get(row.connectionId)?.push(row.teamId);
    return byConnection;
  }

  /** Replaces the teams a connection is granted to; every team must be one of the organization's. */
  async setGrants(organizationId: string, connectionId: string, teamIds: readonly string[]): Promise<void> {
    const known = await this.teams.idsInOrganization(organizationId, teamIds);
    const unknown = teamIds.filter((id) => !known.includes(id));
    if (unknown.length > 0)
      throw new BadRequestException([`team_ids name no team of this organization: ${unknown.join(', ')}`]);
    await this.dataSource.transaction(async (tx) => {
      const grants = tx.getRepository(ConnectionTeamGrantEntity);
      await grants.delete({ connectionId });
      if (teamIds.length) await grants.insert(teamIds.map((teamId) => ({ connectionId, teamId })));
    });
  }

  /** The connections a member can build on through any of its teams. */
  async usableConnectionIdsOf(userId: string | null): Promise<string[]> {
    const teamIds = await this.teams.teamIdsOf(userId);
    const [policies, granted] = await Promise.all([
      this.policiesOf(teamIds),
      this.grantedConnectionIds(teamIds),
    ]);
    const usable = new Set<string>();
    for (const teamId of teamIds) {
      const policy = policies.get(teamId) ?? DEFAULT_TEAM_POLICY;
      usableConnectionIds(policy, granted.get(teamId) ?? []).forEach((id) => usable.add(id));
    }
    return [...usable];
  }

  private async policyDto(teamId: string): Promise<TeamPolicyDto> {
    const [row, granted] = await Promise.all([
      this.policies.findOneBy({ teamId }),
      this.grantedConnectionIds([teamId]),
    ]);
    const policy = row ? toPolicy(row) : DEFAULT_TEAM_POLICY;
    const grantedIds = granted.get(teamId) ?? [];
    return {
      team_id: teamId,
      is_default: !row,
      connection_ids: [...policy.connectionIds],
      workspace_ids: [...policy.workspaceIds],
      tags: [...policy.tags],
      methods: [...policy.methods],
      require_space_pinning: policy.requireSpacePinning,
      require_api_token_auth: policy.requireApiTokenAuth,
      max_expiry_days: policy.maxExpiryDays,
      granted_connection_ids: grantedIds,
      usable_connection_ids: usableConnectionIds(policy, grantedIds),
      approval: row?.approval ? toApprovalPolicyDto(row.approval) : null,
      updated_at: row?.updatedAt.toISOString() ?? null,
    };
  }

  private async checkConnections(organizationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.connections.find({
      where: { id: In([...ids]), organizationId, deletedAt: IsNull() },
      select: { id: true },
    });
    const unknown = ids.filter((id) => !rows.some((row) => row.id === id));
    if (unknown.length > 0) {
      throw new BadRequestException([
        `connection_ids name no connection of this organization: ${unknown.join(', ')}`,
      ]);
    }
  }
}

function toPolicy(row: TeamPolicyEntity): TeamPolicy {
  return {
    connectionIds: row.connectionIds,
    workspaceIds: row.workspaceIds,
    tags: row.tags,
    methods: row.methods,
    requireSpacePinning: row.requireSpacePinning,
    requireApiTokenAuth: row.requireApiTokenAuth,
    maxExpiryDays: row.maxExpiryDays,
  };
}
