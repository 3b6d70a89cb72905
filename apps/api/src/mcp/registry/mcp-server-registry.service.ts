import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { McpConfig } from '@gw/config';
import { tokenFingerprint } from '@gw/clickup-client';
import { ClickUpConnectionEntity, McpServerEntity } from '@gw/db';
import { Scope, serverToolFilter, ToolCatalog } from '@gw/mcp-tools';
import { MCP_TOKEN_PATTERN, sha256Hex } from '@gw/security';
import { EventEmitter } from 'node:events';
import { DataSource, IsNull } from 'typeorm';
import { ConnectionCredentialsService } from '../../connections/connection-credentials.service';
import type { Resolution, ResolvedServer } from './resolved-server';

/** Unknown tokens are remembered briefly, so a client retrying a dead URL does not hit the database each time. */
const NEGATIVE_TTL_MS = 1000;
/** Longer than any transaction that changes a server, so a late commit is still seen. */
const CHANGE_WINDOW_MS = 30_000;

interface CacheEntry {
  server: ResolvedServer | null;
  expiresAt: number;
}

/**
 * Token → server, cached per process. Every process polls for servers and connections changed since its last
 * look and drops them from its cache, so a revoke, rotation or config edit anywhere takes effect everywhere within
 * `MCP_SERVER_CACHE_POLL_MS` (500 ms by default). Listeners of `changed` learn which servers changed (open MCP
 * streams send `notifications/tools/list_changed`).
 */
@Injectable()
export class McpServerRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(McpServerRegistry.name);
  private readonly cache = new Map<string, CacheEntry>();
  readonly events = new EventEmitter();
  private timer?: NodeJS.Timeout;
  private seenVersions = new Set<string>();
  private primed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: ToolCatalog,
    private readonly credentials: ConnectionCredentialsService,
    private readonly mcp: McpConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.mcp.cachePollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async resolve(token: string): Promise<Resolution> {
    if (!MCP_TOKEN_PATTERN.test(token)) return { kind: 'unknown' };
    const hash = sha256Hex(token);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.expiresAt <= now) {
      const server = await this.load(hash);
      entry = { server, expiresAt: server ? Number.POSITIVE_INFINITY : now + NEGATIVE_TTL_MS };
      this.cache.set(hash, entry);
    }
    const server = entry.server;
    if (!server) return { kind: 'unknown' };
    if (server.expiresAt !== null && server.expiresAt <= now) return { kind: 'expired', server };
    return { kind: 'ok', server };
  }

  /** Records who used a server last, without touching `updated_at` (which would invalidate every cache). */
  private readonly lastUseWrites = new Map<string, number>();
  noteUse(serverId: string, clientName: string | null, ip: string | null): void {
    const now = Date.now();
    if ((this.lastUseWrites.get(serverId) ?? 0) > now - 30_000) return;
    this.lastUseWrites.set(serverId, now);
    void this.dataSource
      .query(
        'UPDATE mcp_servers SET last_used_at = now(), last_client_name = $2, last_client_ip = $3 WHERE id = $1',
        [serverId, clientName, ip],
      )
      .catch((error: Error) =>
        this.logger.warn(`could not record last use of ${serverId}: ${error.message}`),
      );
  }

  private async load(tokenHash: string): Promise<ResolvedServer | null> {
    const entity = await this.dataSource
      .getRepository(McpServerEntity)
      .findOne({ where: { tokenHash, revokedAt: IsNull() } });
    if (!entity) return null;
    const connection = await this.dataSource
      .getRepository(ClickUpConnectionEntity)
      .findOne({ where: { id: entity.connectionId, deletedAt: IsNull() } });
    if (!connection) return null;
    const credential = this.credentials.open(connection);
    return {
      id: entity.id,
      organizationId: entity.organizationId,
      teamId: entity.teamId,
      name: entity.name,
      connectionId: entity.connectionId,
      config: entity.config,
      expiresAt: entity.expiresAt ? entity.expiresAt.getTime() : null,
      selection: this.catalog.select(serverToolFilter(entity)),
      scope: new Scope(entity.workspaceId, entity.spaceIds, {
        allowWorkspaceObjects: entity.config.allow_workspace_objects,
      }),
      credential,
      fingerprint: tokenFingerprint(credential.token),
    };
  }

  /**
   * Looks at rows changed in a trailing window rather than "after the last change seen": a transaction that commits
   * late carries an earlier `updated_at`, and a strict high-water mark would miss it. Each (row, version) pair is
   * acted on once.
   */
  private async poll(): Promise<void> {
    try {
      const rows = (await this.dataSource.query(
        `SELECT s.id, s.updated_at::text AS version FROM mcp_servers s WHERE s.updated_at > now() - $1::interval
         UNION ALL
         SELECT s.id, c.id || c.updated_at::text AS version FROM clickup_connections c
           JOIN mcp_servers s ON s.connection_id = c.id WHERE c.updated_at > now() - $1::interval`,
        [`${CHANGE_WINDOW_MS} milliseconds`],
      )) as { id: string; version: string }[];
      const changed = new Set<string>();
      const current = new Set<string>();
      for (const { id, version } of rows) {
        const key = `${id}@${version}`;
        current.add(key);
        if (!this.seenVersions.has(key)) changed.add(id);
      }
      this.seenVersions = current;
      if (!this.primed) {
        this.primed = true;
        return;
      }
      if (changed.size === 0) return;
      for (const [hash, entry] of this.cache) {
        if (entry.server && changed.has(entry.server.id)) this.cache.delete(hash);
      }
      this.events.emit('changed', changed);
    } catch (error) {
      this.logger.warn(`server cache poll failed: ${(error as Error).message}`);
    }
  }
}
