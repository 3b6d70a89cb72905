import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ClickUpCredential } from '@gw/clickup-client';
import { ClickUpConnectionEntity, type ConnectionType, McpServerEntity } from '@gw/db';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isManager } from '../auth/access/roles';
import { TeamAccessService } from '../teams/policy/team-access.service';
import { TeamsService } from '../teams/teams.service';
import { McpServerChanges } from '../mcp-servers/mcp-server-changes';
import { type ClickUpAccount, ClickUpAccountsService } from './clickup-accounts.service';
import { ConnectionCredentialsService } from './connection-credentials.service';
import { toConnectionDto } from './connection.mapper';
import type { ConnectionDto } from './dto/connection.dto';
import type { CreateConnectionDto } from './dto/create-connection.dto';

export interface NewConnection {
  name: string;
  type: ConnectionType;
  token: string;
}

/** ClickUp connections of an organization. A token is checked against ClickUp before anything is stored. */
@Injectable()
export class ConnectionsService {
  constructor(
    @InjectRepository(ClickUpConnectionEntity)
    private readonly connections: Repository<ClickUpConnectionEntity>,
    private readonly dataSource: DataSource,
    private readonly accounts: ClickUpAccountsService,
    private readonly credentials: ConnectionCredentialsService,
    private readonly access: TeamAccessService,
    private readonly teams: TeamsService,
    private readonly serverChanges: McpServerChanges,
  ) {}

  async create(principal: Principal, body: CreateConnectionDto): Promise<ConnectionDto> {
    return toConnectionDto(
      await this.add(principal, { name: body.name, type: body.type, token: body.token }),
      [],
    );
  }

  /** Checks the token with ClickUp (`/v2/user`, `/v2/team`), then stores it sealed. */
  async add(
    creator: Pick<Principal, 'organizationId' | 'userId'>,
    input: NewConnection,
  ): Promise<ClickUpConnectionEntity> {
    const account = await this.accounts.inspect(credentialOf(input));
    const id = randomUUID();
    await this.connections.insert({
      id,
      organizationId: creator.organizationId,
      name: input.name,
      type: input.type,
      ...this.credentials.seal(id, input.token),
      ...accountColumns(account),
      createdByUserId: creator.userId,
      deletedAt: null,
    });
    return this.connections.findOneByOrFail({ id });
  }

  /** A member sees only the connections it can build on through its teams. */
  async list(principal: Principal): Promise<ConnectionDto[]> {
    const visible = await this.visibleIds(principal);
    if (visible?.length === 0) return [];
    const rows = await this.connections.find({
      where: {
        organizationId: principal.organizationId,
        deletedAt: IsNull(),
        ...(visible ? { id: In(visible) } : {}),
      },
      order: { createdAt: 'ASC' },
    });
    return this.toDtos(principal, rows);
  }

  async get(principal: Principal, id: string, refresh = false): Promise<ConnectionDto> {
    const connection = await this.findVisible(principal, id);
    if (!refresh) return (await this.toDtos(principal, [connection]))[0];
    if (!isManager(principal))
      throw new ForbiddenException('Only owners and admins can refresh a connection');
    return (await this.toDtos(principal, [await this.refreshWorkspaces(connection)]))[0];
  }

  /** Grants the connection to exactly these teams: their members may then build servers on it. */
  async setTeams(principal: Principal, id: string, teamIds: string[]): Promise<ConnectionDto> {
    const connection = await this.findUsable(principal.organizationId, id);
    await this.access.setGrants(principal.organizationId, connection.id, teamIds);
    return (await this.toDtos(principal, [connection]))[0];
  }

  /** A connection the principal may see: for a member, one it can build on; otherwise 404. */
  async findVisible(principal: Principal, id: string): Promise<ClickUpConnectionEntity> {
    const connection = await this.findUsable(principal.organizationId, id);
    const visible = await this.visibleIds(principal);
    if (visible && !visible.includes(connection.id)) throw new NotFoundException('No such connection');
    return connection;
  }

  /** Null means every connection of the organization. */
  private async visibleIds(principal: Principal): Promise<string[] | null> {
    return principal.role === 'member' ? this.access.usableConnectionIdsOf(principal.userId) : null;
  }

  private async toDtos(principal: Principal, rows: ClickUpConnectionEntity[]): Promise<ConnectionDto[]> {
    const grants = await this.access.grantedTeamIds(rows.map((row) => row.id));
    // A member is not told which other teams share a connection.
    const ownTeams = principal.role === 'member' ? await this.teams.teamIdsOf(principal.userId) : null;
    return rows.map((row) => {
      const teamIds = grants.get(row.id) ?? [];
      return toConnectionDto(row, ownTeams ? teamIds.filter((t) => ownTeams.includes(t)) : teamIds);
    });
  }

  async refreshWorkspaces(connection: ClickUpConnectionEntity): Promise<ClickUpConnectionEntity> {
    connection.workspaces = await this.accounts.workspacesOf(connection);
    return this.connections.save(connection);
  }

  /**
   * Soft delete: the credential is wiped and every server on the connection revoked in one transaction; the row
   * stays so audit events keep pointing at something. Servers are revoked here rather than through the servers
   * feature, which itself depends on connections.
   */
  async remove(principal: Principal, id: string): Promise<void> {
    const connection = await this.findUsable(principal.organizationId, id);
    const revoked = await this.dataSource.transaction(async (tx) => {
      const now = new Date();
      await tx
        .getRepository(ClickUpConnectionEntity)
        .update({ id: connection.id }, { credentialCiphertext: '', deletedAt: now });
      const servers = tx.getRepository(McpServerEntity);
      const live = await servers.find({
        select: { id: true },
        where: { connectionId: connection.id, revokedAt: IsNull() },
      });
      await servers.update(
        { connectionId: connection.id, revokedAt: IsNull() },
        { revokedAt: now, tokenHash: null },
      );
      return live.map((s) => s.id);
    });
    for (const serverId of revoked) this.serverChanges.committed(serverId);
  }

  /** A connection of the organization that has not been deleted, or 404. */
  async findUsable(organizationId: string, id: string): Promise<ClickUpConnectionEntity> {
    const connection = await this.connections.findOneBy({ id, organizationId, deletedAt: IsNull() });
    if (!connection) throw new NotFoundException('No such connection');
    return connection;
  }
}

function credentialOf(input: NewConnection): ClickUpCredential {
  return { kind: input.type === 'oauth' ? 'oauth' : 'personal', token: input.token };
}

function accountColumns(account: ClickUpAccount) {
  return {
    clickupUserId: String(account.user.id),
    clickupUsername: account.user.username ?? '',
    clickupEmail: account.user.email,
    workspaces: account.workspaces,
  };
}
