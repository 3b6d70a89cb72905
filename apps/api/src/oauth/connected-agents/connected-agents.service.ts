import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdminAuditDetails } from '../../audit/admin-audit.interceptor';
import type { Principal } from '../../auth/principal';
import { SignInResources } from '../grants/sign-in-resources';
import type { ConnectedAgentDto } from './dto/connected-agent.dto';

interface GrantRow {
  grant_id: string;
  account_id: string;
  user_email: string | null;
  client_id: string;
  client_name: string | null;
  resource: string | null;
  payload: { resources?: Record<string, string> };
  created_at: Date;
  first_used_at: Date | null;
  last_used_at: Date | null;
  server_name: string | null;
}

export interface ConnectedAgentFilter {
  userId?: string;
  serverId?: string;
}

/**
 * A person's connected agents: their live grants (consents) to MCP clients. Revoking one deletes the grant and
 * every code and token issued under it in one statement; the next request with any of them is refused, in every
 * api process, since tokens are checked against the store on each request.
 */
@Injectable()
export class ConnectedAgents {
  constructor(
    private readonly resources: SignInResources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Grants of the principal's organization matching the filter, newest first. */
  async list(principal: Principal, filter: ConnectedAgentFilter): Promise<ConnectedAgentDto[]> {
    const params: unknown[] = [principal.organizationId];
    let where = '';
    if (filter.userId) {
      params.push(filter.userId);
      where += ` AND r.account_id = $${params.length}`;
    }
    if (filter.serverId) {
      params.push(this.resources.resourceOf(filter.serverId));
      where += ` AND r.resource = $${params.length}`;
    }
    const rows: GrantRow[] = await this.dataSource.query(
      `${GRANTS} WHERE r.model = 'Grant' AND u.organization_id = $1
         AND (r.expires_at IS NULL OR r.expires_at > now())${where}
       ORDER BY r.created_at DESC LIMIT 500`,
      params,
    );
    return rows.map((row) => this.toDto(row));
  }

  /**
   * Revokes a grant the principal may see: `ownerId` limits it to that person's own (their "Connected agents");
   * otherwise any of the organization's (admins). Another's grant is a 404, as if it did not exist.
   */
  async revoke(
    principal: Principal,
    grantId: string,
    ownerId: string | null,
    note: (details: AdminAuditDetails) => void,
  ): Promise<void> {
    const rows: GrantRow[] = await this.dataSource.query(
      `${GRANTS} WHERE r.model = 'Grant' AND r.grant_id = $1 AND u.organization_id = $2`,
      [grantId, principal.organizationId],
    );
    const grant = rows[0];
    if (!grant || (ownerId !== null && grant.account_id !== ownerId)) {
      throw new NotFoundException('No such connected agent');
    }
    note({
      serverId: grant.resource ? this.resources.serverIdOf(grant.resource) : null,
      actorUserId: grant.account_id,
      actorEmail: grant.user_email,
      oauthClientId: grant.client_id,
    });
    await this.dataSource.query(`DELETE FROM oauth_records WHERE grant_id = $1`, [grantId]);
  }

  private toDto(row: GrantRow): ConnectedAgentDto {
    const resource = row.resource;
    const scopes = resource ? (row.payload.resources?.[resource] ?? '').split(' ').filter(Boolean) : [];
    return {
      grant_id: row.grant_id,
      user_id: row.account_id,
      user_email: row.user_email,
      client_id: row.client_id,
      client_name: row.client_name,
      server_id: resource ? this.resources.serverIdOf(resource) : null,
      server_name: row.server_name,
      scopes,
      connected_at: new Date(row.created_at).toISOString(),
      first_used_at: row.first_used_at ? new Date(row.first_used_at).toISOString() : null,
      last_used_at: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    };
  }
}

/** Grant rows with their person and server; the server is matched by the resource URL it is published under. */
const GRANTS = `
  SELECT r.grant_id, r.account_id, u.email AS user_email, r.client_id, r.client_name, r.resource, r.payload,
         r.created_at, r.first_used_at, r.last_used_at, s.name AS server_name
  FROM oauth_records r
  JOIN users u ON u.id::text = r.account_id
  LEFT JOIN mcp_servers s
    ON s.id::text = regexp_replace(r.resource, '^.*/mcp/servers/', '') AND s.organization_id = u.organization_id`;
