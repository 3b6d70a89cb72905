import { Injectable, Optional } from '@nestjs/common';
import { tokenFingerprint, type ClickUpCredential } from '@gw/clickup-client';
import { ClickUpConnectionEntity, McpServerEntity } from '@gw/db';
import { Scope, serverToolFilter, ToolCatalog, type ToolSelection } from '@gw/mcp-tools';
import { connectionCredentialAad, SecretBox } from '@gw/security';
import { DataSource, IsNull } from 'typeorm';

/** The MCP server a queued call runs for, as the worker needs it. */
export interface RetryServer {
  id: string;
  credential: ClickUpCredential;
  fingerprint: string;
  /** The ClickUp user the connection acts as. */
  userId: number;
  scope: Scope;
  selection: ToolSelection;
}

/**
 * Loads the server of each attempt afresh (it may have been revoked, or its connection removed, since the call was
 * queued), and keeps its Scope while the server and its connection are unchanged, so the workspace's space list is
 * fetched once per server rather than once per job.
 */
@Injectable()
export class RetryServers {
  private readonly scopes = new Map<string, { version: string; scope: Scope }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ToolCatalog,
    @Optional() private readonly box?: SecretBox,
  ) {}

  /** The server, or why its queued calls may no longer run. */
  async load(serverId: string): Promise<RetryServer | { refused: string }> {
    const server = await this.dataSource.getRepository(McpServerEntity).findOne({ where: { id: serverId } });
    if (!server) return { refused: 'Its MCP server no longer exists.' };
    if (server.revokedAt) return { refused: 'Its MCP server was revoked.' };
    if (server.expiresAt && server.expiresAt.getTime() <= Date.now())
      return { refused: 'Its MCP server has expired.' };
    const connection = await this.dataSource
      .getRepository(ClickUpConnectionEntity)
      .findOne({ where: { id: server.connectionId, deletedAt: IsNull() } });
    if (!connection) return { refused: 'Its ClickUp connection was removed.' };
    if (!this.box) return { refused: 'The worker has no ENCRYPTION_KEY to open the ClickUp credential.' };
    const token = this.box.open(
      { ciphertext: connection.credentialCiphertext, keyId: connection.credentialKeyId },
      connectionCredentialAad(connection.id),
    );
    const version = `${server.updatedAt.getTime()}:${connection.updatedAt.getTime()}`;
    let cached = this.scopes.get(server.id);
    if (!cached || cached.version !== version) {
      cached = {
        version,
        scope: new Scope(server.workspaceId, server.spaceIds, {
          allowWorkspaceObjects: server.config.allow_workspace_objects,
        }),
      };
      this.scopes.set(server.id, cached);
    }
    return {
      id: server.id,
      credential: { kind: connection.type === 'oauth' ? 'oauth' : 'personal', token },
      fingerprint: tokenFingerprint(token),
      userId: Number(connection.clickupUserId),
      scope: cached.scope,
      selection: this.catalog.select(serverToolFilter(server)),
    };
  }
}
