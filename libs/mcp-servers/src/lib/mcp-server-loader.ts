import { Injectable, Optional } from '@nestjs/common';
import { tokenFingerprint } from '@gw/clickup-client';
import { ClickUpConnectionEntity, McpServerEntity } from '@gw/db';
import { Scope, serverToolFilter, ToolCatalog } from '@gw/mcp-tools';
import { connectionCredentialAad, SecretBox } from '@gw/security';
import { DataSource, IsNull } from 'typeorm';
import type { ServedServer } from './served-server';

/** A server read by its token or its id, with what the api's cache needs to keep it current. */
export interface VersionedRead {
  /** Null when no live server answers to it (unknown, revoked, or its connection removed). */
  server: ServedServer | null;
  /** `change_xid` of the server row and of its connection row, as read. */
  version: string;
  /** The xmin of the read's snapshot: every transaction below it was visible to the read. */
  horizon: bigint;
}

/** Why a queued call's server may no longer run it. */
export interface Refusal {
  refused: string;
}

/**
 * The one place a server row becomes a `ServedServer`: the api's registry reads by token (a secret URL) or by id (a
 * sign-in URL), the worker by id before each attempt. Scopes are kept per server version, so a workspace's space list is fetched once per server and
 * version, not once per read.
 */
@Injectable()
export class McpServerLoader {
  private readonly scopes = new Map<string, { version: string; scope: Scope }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ToolCatalog,
    @Optional() private readonly box?: SecretBox,
  ) {}

  byTokenHash(tokenHash: string): Promise<VersionedRead> {
    return this.readLive('s.token_hash = :tokenHash', { tokenHash });
  }

  /** A sign-in URL names its server by id; whether the server takes sign-in is the caller's to judge. */
  bySignInId(serverId: string): Promise<VersionedRead> {
    return this.readLive('s.id = :serverId', { serverId });
  }

  private async readLive(where: string, parameters: Record<string, string>): Promise<VersionedRead> {
    const { entities, raw } = await this.dataSource
      .getRepository(McpServerEntity)
      .createQueryBuilder('s')
      .addSelect('pg_snapshot_xmin(pg_current_snapshot())::text', 'horizon')
      .where(`${where} AND s.revoked_at IS NULL`, parameters)
      .getRawAndEntities<{ horizon: string }>();
    const entity = entities[0];
    if (!entity) return { server: null, version: '', horizon: 0n };
    const horizon = BigInt(raw[0].horizon);
    const connection = await this.connectionOf(entity);
    if (!connection || !this.box) return { server: null, version: '', horizon };
    return { server: this.build(entity, connection), version: versionOf(entity, connection), horizon };
  }

  /** The server as it is now, or why its queued calls may no longer run (it may have changed since they queued). */
  async byId(serverId: string): Promise<ServedServer | Refusal> {
    const entity = await this.dataSource.getRepository(McpServerEntity).findOne({ where: { id: serverId } });
    if (!entity) return { refused: 'Its MCP server no longer exists.' };
    if (entity.revokedAt) return { refused: 'Its MCP server was revoked.' };
    if (entity.expiresAt && entity.expiresAt.getTime() <= Date.now())
      return { refused: 'Its MCP server has expired.' };
    const connection = await this.connectionOf(entity);
    if (!connection) return { refused: 'Its ClickUp connection was removed.' };
    if (!this.box) return { refused: 'This process has no ENCRYPTION_KEY to open the ClickUp credential.' };
    return this.build(entity, connection);
  }

  private connectionOf(entity: McpServerEntity): Promise<ClickUpConnectionEntity | null> {
    return this.dataSource
      .getRepository(ClickUpConnectionEntity)
      .findOne({ where: { id: entity.connectionId, deletedAt: IsNull() } });
  }

  private build(entity: McpServerEntity, connection: ClickUpConnectionEntity): ServedServer {
    const token = (this.box as SecretBox).open(
      { ciphertext: connection.credentialCiphertext, keyId: connection.credentialKeyId },
      connectionCredentialAad(connection.id),
    );
    return {
      id: entity.id,
      organizationId: entity.organizationId,
      teamId: entity.teamId,
      name: entity.name,
      connectionId: entity.connectionId,
      config: entity.config,
      expiresAt: entity.expiresAt ? entity.expiresAt.getTime() : null,
      selection: this.catalog.select(serverToolFilter(entity)),
      scope: this.scopeOf(entity, versionOf(entity, connection)),
      credential: { kind: connection.type === 'oauth' ? 'oauth' : 'personal', token },
      fingerprint: tokenFingerprint(token),
      clickupUserId: Number(connection.clickupUserId),
      workspaceName: connection.workspaces.find((w) => w.id === entity.workspaceId)?.name ?? null,
    };
  }

  private scopeOf(entity: McpServerEntity, version: string): Scope {
    const cached = this.scopes.get(entity.id);
    if (cached?.version === version) return cached.scope;
    const scope = new Scope(entity.workspaceId, entity.spaceIds, {
      allowWorkspaceObjects: entity.config.allow_workspace_objects,
    });
    this.scopes.set(entity.id, { version, scope });
    return scope;
  }
}

function versionOf(server: McpServerEntity, connection: ClickUpConnectionEntity): string {
  return `${server.changeXid}:${connection.changeXid}`;
}
