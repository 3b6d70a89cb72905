import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@gw/config';
import {
  acceptsSecretUrl,
  type ClickUpConnectionEntity,
  McpServerEntity,
  type McpServerConfig,
  UserEntity,
} from '@gw/db';
import { generateSecret, MCP_TOKEN_PREFIX, sha256Hex } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { Brackets, In, Repository, type SelectQueryBuilder } from 'typeorm';
import { ApprovalPolicyChecks, storedPolicy } from '../approvals/approval-policy.checks';
import type { Principal } from '../auth/principal';
import { ClickUpAccountsService } from '../connections/clickup-accounts.service';
import { ConnectionsService } from '../connections/connections.service';
import { TeamAccessService } from '../teams/policy/team-access.service';
import { DEFAULT_TEAM_POLICY, policyViolations, type ServerReach } from '../teams/policy/team-policy';
import { TeamsService } from '../teams/teams.service';
import type { CreateMcpServerDto } from './dto/create-mcp-server.dto';
import type { McpServerConfigInputDto } from './dto/mcp-server-config.dto';
import type { CreatedMcpServerDto, McpServerDto, RotatedTokenDto } from './dto/mcp-server.dto';
import type { ListMcpServersQueryDto } from './dto/list-mcp-servers.query.dto';
import type { UpdateMcpServerDto } from './dto/update-mcp-server.dto';
import { McpServerChanges } from './mcp-server-changes';
import { McpServerExpiryScheduler } from './mcp-server-expiry.scheduler';
import { EXPIRING_SOON_MS, type McpServerState } from './mcp-server-state';
import { mcpUrl, toMcpServerDto } from './mcp-server.mapper';

/** The teams whose servers a principal may see and manage; null means every server of the organization. */
type TeamScope = string[] | null;

/**
 * MCP servers: one workspace of a connection, reached at a secret URL, at a sign-in URL, or both. The token exists in
 * clear only in the answer that creates or rotates it; the table keeps its SHA-256, and none for a sign-in-only server.
 * Every committed change is announced to this process's MCP server cache at once; other processes see the row's new
 * `change_xid` in their next poll.
 */
@Injectable()
export class McpServersService {
  constructor(
    @InjectRepository(McpServerEntity) private readonly servers: Repository<McpServerEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly connections: ConnectionsService,
    private readonly accounts: ClickUpAccountsService,
    private readonly teams: TeamsService,
    private readonly access: TeamAccessService,
    private readonly expiry: McpServerExpiryScheduler,
    private readonly changes: McpServerChanges,
    private readonly app: AppConfig,
    private readonly approvalChecks: ApprovalPolicyChecks,
  ) {}

  async create(
    principal: Principal,
    connectionId: string,
    body: CreateMcpServerDto,
  ): Promise<CreatedMcpServerDto> {
    const connection = await this.connections.findUsable(principal.organizationId, connectionId);
    const teamId = await this.checkTeam(principal, body.team_id ?? null);
    const spaceIds = body.space_ids ?? [];
    const expiresAt = futureDate(body.expires_at);
    const config = mergeConfig(principal, undefined, body.config);
    await this.checkSignInLists(principal, config);
    // A server whose body names no approval policy gets its team's default one.
    config.approval ??= (teamId && (await this.access.defaultApprovalOf(teamId))) || undefined;
    await this.approvalChecks.check(principal, config.approval, undefined);
    await this.checkPolicy(principal, teamId, {
      connectionId: connection.id,
      workspaceId: body.workspace_id,
      spaceIds,
      config,
      expiresAt,
    });
    const workspaceId = await this.checkWorkspace(connection, body.workspace_id);
    await this.checkSpaces(connection, workspaceId, spaceIds);

    // A sign-in-only server has no secret URL: nothing to leak, nothing to rotate.
    const token = acceptsSecretUrl(config) ? generateSecret(MCP_TOKEN_PREFIX) : null;
    const id = randomUUID();
    await this.servers.insert({
      id,
      organizationId: principal.organizationId,
      connectionId: connection.id,
      teamId,
      name: body.name,
      workspaceId,
      spaceIds,
      config,
      tokenHash: token && sha256Hex(token),
      expiresAt,
      revokedAt: null,
      createdByUserId: principal.userId,
    });
    await this.expiry.schedule(id, expiresAt);
    const server = await this.servers.findOneByOrFail({ id });
    return {
      ...(await this.toDtos([server]))[0],
      url: token && mcpUrl(this.app.publicUrl, token),
      token,
    };
  }

  async list(principal: Principal, query: ListMcpServersQueryDto): Promise<McpServerDto[]> {
    const scope = await this.teamScope(principal);
    const qb = this.servers
      .createQueryBuilder('s')
      .where('s.organization_id = :organizationId', { organizationId: principal.organizationId })
      .orderBy('s.created_at', 'DESC');
    if (scope) {
      if (scope.length === 0) return [];
      qb.andWhere('s.team_id IN (:...scope)', { scope });
    }
    if (query.team_id) qb.andWhere('s.team_id = :teamId', { teamId: query.team_id });
    if (query.connection_id)
      qb.andWhere('s.connection_id = :connectionId', { connectionId: query.connection_id });
    if (query.state) whereState(qb, query.state, new Date());
    return this.toDtos(await qb.getMany());
  }

  async get(principal: Principal, id: string): Promise<McpServerDto> {
    return (await this.toDtos([await this.findVisible(principal, id)]))[0];
  }

  async update(principal: Principal, id: string, body: UpdateMcpServerDto): Promise<McpServerDto> {
    const server = await this.findChangeable(principal, id);
    const previousExpiry = server.expiresAt;
    if (body.name !== undefined) server.name = body.name;
    if (body.config !== undefined) {
      const config = mergeConfig(principal, server.config, body.config);
      await this.checkSignInLists(principal, config, server.config);
      await this.approvalChecks.check(principal, config.approval, server.config.approval);
      server.config = config;
      // Switching to sign-in only ends the secret URL for good: a URL once shared must not come back to life.
      if (!acceptsSecretUrl(config)) server.tokenHash = null;
    }
    if (body.team_id !== undefined) server.teamId = await this.checkTeam(principal, body.team_id);
    if (body.expires_at !== undefined)
      server.expiresAt = body.expires_at === null ? null : futureDate(body.expires_at);
    if (body.space_ids !== undefined) {
      const connection = await this.connections.findUsable(principal.organizationId, server.connectionId);
      await this.checkSpaces(connection, server.workspaceId, body.space_ids);
      server.spaceIds = body.space_ids;
    }
    // The server as it would be after the change: a member may leave it no wider than its team's policy.
    await this.checkPolicy(principal, server.teamId, server);
    const saved = await this.servers.save(server);
    this.changes.committed(saved.id);
    await this.expiry.schedule(saved.id, saved.expiresAt, previousExpiry);
    return (await this.toDtos([saved]))[0];
  }

  /** Revoking is final: the token hash is deleted and the URL never works again. Repeating it changes nothing. */
  async revoke(principal: Principal, id: string): Promise<void> {
    const server = await this.findVisible(principal, id);
    if (server.revokedAt) return;
    await this.servers.update({ id: server.id }, { revokedAt: new Date(), tokenHash: null });
    this.changes.committed(server.id);
    await this.expiry.cancel(server.id, server.expiresAt);
  }

  async rotate(principal: Principal, id: string): Promise<RotatedTokenDto> {
    const server = await this.findChangeable(principal, id);
    if (!acceptsSecretUrl(server.config)) {
      throw new ConflictException(
        'This MCP server is reached by sign-in only; set config.access_mode to url or url_and_sign_in first, then rotate',
      );
    }
    // A token minted for an expired server could never be used; the expiry has to move first.
    if (server.expiresAt && server.expiresAt.getTime() <= Date.now()) {
      throw new ConflictException('This MCP server has expired; set a later expires_at first, then rotate');
    }
    const token = generateSecret(MCP_TOKEN_PREFIX);
    await this.servers.update({ id: server.id }, { tokenHash: sha256Hex(token) });
    this.changes.committed(server.id);
    return { url: mcpUrl(this.app.publicUrl, token), token };
  }

  /**
   * Servers with how each exceeds its team's current policy. A policy narrowed later flags the servers beyond it
   * rather than changing them: they keep serving their agents until an admin or member narrows or revokes them.
   */
  private async toDtos(servers: McpServerEntity[]): Promise<McpServerDto[]> {
    const teamIds = [...new Set(servers.flatMap((s) => (s.teamId && !s.revokedAt ? [s.teamId] : [])))];
    const [policies, grants] = await Promise.all([
      this.access.policiesOf(teamIds),
      this.access.grantedConnectionIds(teamIds),
    ]);
    const now = new Date();
    return servers.map((server) => {
      const violations =
        server.teamId && !server.revokedAt
          ? policyViolations(
              policies.get(server.teamId) ?? DEFAULT_TEAM_POLICY,
              grants.get(server.teamId) ?? [],
              reachOf(server),
              now,
            )
          : [];
      return toMcpServerDto(server, this.app.publicUrl, violations);
    });
  }

  /** A member builds only within its team's policy; anything wider is refused (and the refusal audited). */
  private async checkPolicy(principal: Principal, teamId: string | null, server: ServerShape): Promise<void> {
    if (principal.role !== 'member' || !teamId) return;
    const [policies, grants] = await Promise.all([
      this.access.policiesOf([teamId]),
      this.access.grantedConnectionIds([teamId]),
    ]);
    const violations = policyViolations(
      policies.get(teamId) ?? DEFAULT_TEAM_POLICY,
      grants.get(teamId) ?? [],
      reachOf(server),
      new Date(),
    );
    if (violations.length === 0) return;
    const team = await this.teams.findInOrganization(principal.organizationId, teamId);
    throw new ForbiddenException(
      `Outside the policy of team "${team?.name ?? teamId}": ${violations
        .map((v) => `${v.field}: ${v.message}`)
        .join('; ')}. Ask an admin to widen the policy.`,
    );
  }

  /**
   * The people and teams listed as allowed to sign in must be the organization's. Adding to the lists lets people
   * outside the server's team act through it, an owner's or an admin's decision; a member may keep or shorten them.
   */
  private async checkSignInLists(
    principal: Principal,
    config: McpServerConfig,
    current?: McpServerConfig,
  ): Promise<void> {
    const userIds = config.sign_in_user_ids ?? [];
    const teamIds = config.sign_in_team_ids ?? [];
    const added = [
      ...userIds.filter((id) => !current?.sign_in_user_ids?.includes(id)),
      ...teamIds.filter((id) => !current?.sign_in_team_ids?.includes(id)),
    ];
    if (added.length > 0 && principal.role !== 'owner' && principal.role !== 'admin') {
      throw new ForbiddenException(
        'Only owners and admins may list people or teams allowed to sign in (config.sign_in_user_ids, config.sign_in_team_ids)',
      );
    }
    const problems: string[] = [];
    if (userIds.length > 0) {
      const found = await this.users.find({
        select: { id: true },
        where: { organizationId: principal.organizationId, id: In(userIds) },
      });
      const known = new Set(found.map((u) => u.id));
      const unknown = userIds.filter((id) => !known.has(id));
      if (unknown.length > 0)
        problems.push(`config.sign_in_user_ids names no user of this organization: ${unknown.join(', ')}`);
    }
    if (teamIds.length > 0) {
      const known = new Set(await this.teams.idsInOrganization(principal.organizationId, teamIds));
      const unknown = teamIds.filter((id) => !known.has(id));
      if (unknown.length > 0)
        problems.push(`config.sign_in_team_ids names no team of this organization: ${unknown.join(', ')}`);
    }
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  private async teamScope(principal: Principal): Promise<TeamScope> {
    return principal.role === 'member' ? this.teams.teamIdsOf(principal.userId) : null;
  }

  /** A server the principal may see; another organization's, or another team's for a member, is a 404. */
  private async findVisible(principal: Principal, id: string): Promise<McpServerEntity> {
    const server = await this.servers.findOneBy({ id, organizationId: principal.organizationId });
    const scope = server && (await this.teamScope(principal));
    if (!server || (scope && !(server.teamId && scope.includes(server.teamId)))) {
      throw new NotFoundException('No such MCP server');
    }
    return server;
  }

  private async findChangeable(principal: Principal, id: string): Promise<McpServerEntity> {
    const server = await this.findVisible(principal, id);
    if (server.revokedAt) throw new ConflictException('This MCP server is revoked; create a new one');
    return server;
  }

  /** The team a server may belong to: one of the organization's, and for a member one of its own (required). */
  private async checkTeam(principal: Principal, teamId: string | null): Promise<string | null> {
    const scope = await this.teamScope(principal);
    if (teamId === null) {
      if (scope)
        throw new ForbiddenException('A member’s MCP servers must belong to one of its teams (team_id)');
      return null;
    }
    if (!(await this.teams.findInOrganization(principal.organizationId, teamId))) {
      throw new BadRequestException(['team_id names no team of this organization']);
    }
    if (scope && !scope.includes(teamId)) {
      throw new ForbiddenException('Members can only use their own teams (team_id)');
    }
    return teamId;
  }

  /** The workspace must be one the connection reaches; ClickUp is asked again before saying no. */
  private async checkWorkspace(connection: ClickUpConnectionEntity, workspaceId: string): Promise<string> {
    const reaches = (c: ClickUpConnectionEntity) => c.workspaces.some((w) => w.id === workspaceId);
    if (reaches(connection) || reaches(await this.connections.refreshWorkspaces(connection)))
      return workspaceId;
    const known = connection.workspaces.map((w) => `${w.id} (${w.name})`).join(', ') || 'none';
    throw new BadRequestException([
      `workspace_id ${workspaceId} is not a workspace this connection can reach; it reaches: ${known}`,
    ]);
  }

  private async checkSpaces(
    connection: ClickUpConnectionEntity,
    workspaceId: string,
    spaceIds: readonly string[],
  ): Promise<void> {
    if (spaceIds.length === 0) return;
    const existing = await this.accounts.spaceIdsOf(connection, workspaceId);
    const unknown = spaceIds.filter((id) => !existing.has(id));
    if (unknown.length > 0) {
      throw new BadRequestException([`space_ids not in workspace ${workspaceId}: ${unknown.join(', ')}`]);
    }
  }
}

type ServerShape = Pick<
  McpServerEntity,
  'connectionId' | 'workspaceId' | 'spaceIds' | 'config' | 'expiresAt'
>;

function reachOf(server: ServerShape): ServerReach {
  return {
    connectionId: server.connectionId,
    workspaceId: server.workspaceId,
    spaceIds: server.spaceIds,
    methods: server.config.methods,
    tags: server.config.tags,
    requireApiTokenAuth: server.config.require_api_token_auth,
    accessMode: server.config.access_mode,
    expiresAt: server.expiresAt,
  };
}

function futureDate(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  if (date.getTime() <= Date.now()) throw new BadRequestException(['expires_at must be in the future']);
  return date;
}

/**
 * Workspace-level objects (goals) escape a space pin, so letting a pinned server reach them is an owner's or an
 * admin's decision; a member may keep a value an admin chose, or turn it off.
 */
function mergeConfig(
  principal: Principal,
  current: McpServerConfig | undefined,
  input: McpServerConfigInputDto | undefined,
): McpServerConfig {
  const allowWorkspaceObjects = input?.allow_workspace_objects ?? current?.allow_workspace_objects ?? false;
  if (
    allowWorkspaceObjects &&
    current?.allow_workspace_objects !== true &&
    principal.role !== 'owner' &&
    principal.role !== 'admin'
  ) {
    throw new ForbiddenException(
      'Only owners and admins may allow workspace-level objects (config.allow_workspace_objects)',
    );
  }
  const accessMode = input?.access_mode ?? current?.access_mode ?? 'url';
  const clickupAccount = input?.clickup_account ?? current?.clickup_account ?? 'connection';
  if (clickupAccount === 'caller' && accessMode !== 'sign_in') {
    throw new BadRequestException([
      'config.clickup_account "caller" needs config.access_mode "sign_in": a call at a secret URL names no person ' +
        'whose ClickUp account it could act as',
    ]);
  }
  return {
    methods: input?.methods ?? current?.methods ?? [],
    tags: input?.tags ?? current?.tags ?? [],
    require_api_token_auth: input?.require_api_token_auth ?? current?.require_api_token_auth ?? false,
    allow_workspace_objects: allowWorkspaceObjects,
    access_mode: accessMode,
    sign_in_user_ids: input?.sign_in_user_ids ?? current?.sign_in_user_ids ?? [],
    sign_in_team_ids: input?.sign_in_team_ids ?? current?.sign_in_team_ids ?? [],
    clickup_account: clickupAccount,
    catalog: input?.catalog ?? current?.catalog ?? 'full',
    ...withApproval(input?.approval ? storedPolicy(input.approval) : current?.approval),
  };
}

/** The key is left out when there is no policy, as on rows written before approvals existed. */
function withApproval(approval: McpServerConfig['approval']): Pick<McpServerConfig, 'approval'> {
  return approval ? { approval } : {};
}

/** The SQL twin of `serverState`. */
function whereState(qb: SelectQueryBuilder<McpServerEntity>, state: McpServerState, now: Date): void {
  const params = { now, soon: new Date(now.getTime() + EXPIRING_SOON_MS) };
  if (state === 'revoked') {
    qb.andWhere('s.revoked_at IS NOT NULL');
    return;
  }
  qb.andWhere('s.revoked_at IS NULL');
  // A server without a token is expired (purged) unless it is reached by sign-in only and needs none.
  const purged = `s.token_hash IS NULL AND COALESCE(s.config->>'access_mode', 'url') <> 'sign_in'`;
  if (state === 'expired') {
    qb.andWhere(new Brackets((w) => w.where(purged).orWhere('s.expires_at <= :now', params)));
    return;
  }
  qb.andWhere(`NOT (${purged})`).andWhere(
    new Brackets((w) => w.where('s.expires_at IS NULL').orWhere('s.expires_at > :now', params)),
  );
  if (state === 'expiring_soon') qb.andWhere('s.expires_at < :soon', params);
}
