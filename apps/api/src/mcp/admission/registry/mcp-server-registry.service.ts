import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { McpConfig } from '@gw/config';
import { acceptsSecretUrl, acceptsSignIn } from '@gw/db';
import { McpServerLoader, type ServedServer, type VersionedRead } from '@gw/mcp-servers';
import { MCP_TOKEN_PATTERN, sha256Hex } from '@gw/security';
import { LRUCache } from 'lru-cache';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../../metrics/metrics.service';
import { McpServerChanges } from '../../../mcp-servers/mcp-server-changes';
import type { McpAddress } from '../../mcp-request';

/**
 * What an address (a secret URL's token, a sign-in URL's server id) names right now. `unconfirmed`: this process could not confirm for too long that its cache is
 * current, so it vouches for no token (the request gets 503 rather than a grant that may have been revoked).
 */
export type Resolution =
  | { kind: 'ok'; server: ServedServer }
  | { kind: 'expired'; server: ServedServer }
  | { kind: 'unknown' }
  | { kind: 'unconfirmed' };

const SERVER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Unknown tokens (and server ids) are remembered briefly, so a client retrying a dead URL does not hit the database each time; at
 * most `UNKNOWN_TOKENS_MAX` of them (about 2 MB), so a flood of random tokens cannot grow the heap.
 */
const UNKNOWN_TOKEN_TTL_MS = 1000;
export const UNKNOWN_TOKENS_MAX = 10_000;
/** Past this without a successful poll, no cached grant is trusted: MCP requests get 503 until a poll succeeds. */
export const FRESHNESS_LIMIT_MS = 5000;
/** A read that keeps racing changes made in this process is served once without being cached. */
const READ_ATTEMPTS = 3;
/** Larger than any transaction id: the first poll reads no rows, only the horizon the next one starts from. */
const NO_ROWS = '9223372036854775807';

interface CachedServer {
  server: ServedServer;
  /** `change_xid` of the server row and of its connection row, as read. */
  version: string;
}

interface Read {
  cached: CachedServer | null;
  /** The xmin of the read's snapshot: every transaction below it was visible to the read. */
  horizon: bigint;
}

/**
 * Token or server id → server, cached per process and versioned by `change_xid` (the transaction that last changed the server or
 * its connection). Each poll reads the rows changed by transactions its predecessor could not see, in one snapshot,
 * and drops cached servers whose version differs; a read that raced a poll lowers the next poll's starting point to
 * its own snapshot, so no change can slip between them (docs/adr/0004-server-cache.md). Changes made in this
 * process apply at once. Listeners of `changed` learn which servers changed (open MCP streams re-check their URL).
 */
@Injectable()
export class McpServerRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(McpServerRegistry.name);
  /** By cache key: a token's SHA-256, or `id:` and a sign-in URL's server id. */
  private readonly servers = new Map<string, CachedServer>();
  private readonly unknown = new LRUCache<string, true>({
    max: UNKNOWN_TOKENS_MAX,
    ttl: UNKNOWN_TOKEN_TTL_MS,
  });
  private readonly reads = new Map<string, Promise<CachedServer | null>>();
  readonly events = new EventEmitter();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** The next poll reads rows whose `change_xid` is at least this; null before the first poll. */
  private since: bigint | null = null;
  /** The lowest horizon of reads cached while the current poll runs. */
  private floor: bigint | null = null;
  /** Local time at which the last successful poll was sent: its snapshot is at least this recent. */
  private confirmedAt = 0;
  /** Counts changes committed by this process, so a read that overlapped one is not cached. */
  private localChanges = 0;
  private announced = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: McpServerLoader,
    private readonly mcp: McpConfig,
    changes: McpServerChanges,
    private readonly metrics: MetricsService,
  ) {
    changes.onCommitted((serverId) => this.dropLocally(serverId));
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * The server an address names, if it answers at that kind of address: a secret URL of a sign-in-only server, or
   * the sign-in URL of a server without sign-in, is unknown like any other.
   */
  async resolve(address: McpAddress): Promise<Resolution> {
    const key = cacheKeyOf(address);
    if (key === null) return { kind: 'unknown' };
    const now = Date.now();
    if (now - this.confirmedAt > FRESHNESS_LIMIT_MS) return { kind: 'unconfirmed' };
    const held = this.servers.get(key);
    const hit = held !== undefined || this.unknown.has(key);
    this.metrics.cacheLookup('server', hit);
    const cached = held ?? (hit ? null : await this.load(key));
    if (!cached) return { kind: 'unknown' };
    const server = cached.server;
    const answers =
      address.kind === 'sign_in' ? acceptsSignIn(server.config) : acceptsSecretUrl(server.config);
    if (!answers) return { kind: 'unknown' };
    if (server.expiresAt !== null && server.expiresAt <= now) return { kind: 'expired', server };
    return { kind: 'ok', server };
  }

  /**
   * Whether this process holds the token's server in memory: a check with no I/O, so the front door can let an agent
   * whose URL works through while its address (a shared NAT, say) is refused for others' failures.
   */
  holds(token: string): boolean {
    return MCP_TOKEN_PATTERN.test(token) && this.servers.has(sha256Hex(token));
  }

  /** How many tokens the cache holds, known and unknown. */
  get size(): { servers: number; unknownTokens: number } {
    return { servers: this.servers.size, unknownTokens: this.unknown.size };
  }

  /** Records who used a server last; these columns do not change the row's version, so traffic never invalidates. */
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

  /** Concurrent misses for one key share a read. */
  private load(key: string): Promise<CachedServer | null> {
    let pending = this.reads.get(key);
    if (!pending) {
      pending = this.readAndCache(key).finally(() => this.reads.delete(key));
      this.reads.set(key, pending);
    }
    return pending;
  }

  private async readAndCache(key: string): Promise<CachedServer | null> {
    for (let attempt = 1; ; attempt++) {
      const changesBefore = this.localChanges;
      const { cached, horizon } = await this.read(key);
      if (!cached) {
        this.unknown.set(key, true);
        return null;
      }
      // A change committed here during the read may postdate it; its event has already been handled.
      if (changesBefore !== this.localChanges) {
        if (attempt < READ_ATTEMPTS) continue;
        return cached;
      }
      this.since = lower(this.since, horizon);
      this.floor = lower(this.floor, horizon);
      this.servers.set(key, cached);
      return cached;
    }
  }

  private async read(key: string): Promise<Read> {
    const read: VersionedRead = key.startsWith(ID_KEY)
      ? await this.loader.bySignInId(key.slice(ID_KEY.length))
      : await this.loader.byTokenHash(key);
    return {
      cached: read.server ? { server: read.server, version: read.version } : null,
      horizon: read.horizon,
    };
  }

  private dropLocally(serverId: string): void {
    this.localChanges++;
    this.drop(new Map([[serverId, null]]));
    this.events.emit('changed', new Set([serverId]));
  }

  /** Drops cached servers whose current version (null: unknown, so always drop) differs from the cached one. */
  private drop(current: ReadonlyMap<string, string | null>): void {
    for (const [key, cached] of this.servers) {
      const version = current.get(cached.server.id);
      if (version !== undefined && version !== cached.version) this.servers.delete(key);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.mcp.cachePollMs);
    this.timer.unref();
  }

  /**
   * One statement, so one snapshot: the rows changed by transactions at or above `since` (those the previous poll's
   * snapshot could not see, whatever their timestamps say), and this snapshot's xmin, where the next poll starts.
   */
  private async poll(): Promise<void> {
    const sentAt = Date.now();
    this.floor = null;
    try {
      const rows = (await this.dataSource.query(
        `SELECT NULL::uuid AS id, NULL::text AS version, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
         UNION ALL
         (SELECT s.id, s.change_xid || ':' || c.change_xid, NULL FROM mcp_servers s
            JOIN clickup_connections c ON c.id = s.connection_id WHERE s.change_xid >= $1
          UNION
          SELECT s.id, s.change_xid || ':' || c.change_xid, NULL FROM clickup_connections c
            JOIN mcp_servers s ON s.connection_id = c.id WHERE c.change_xid >= $1)`,
        [String(this.since ?? NO_ROWS)],
      )) as { id: string | null; version: string | null; horizon: string | null }[];
      const current = new Map<string, string>();
      let horizon = 0n;
      for (const row of rows) {
        if (row.id === null) horizon = BigInt(row.horizon as string);
        else current.set(row.id, row.version as string);
      }
      this.since = lower(this.floor, horizon);
      this.confirmedAt = sentAt;
      this.drop(current);
      const changed = new Set([...current].filter(([id, version]) => this.announced.get(id) !== version));
      this.announced = current;
      if (changed.size > 0) this.events.emit('changed', new Set([...changed].map(([id]) => id)));
    } catch (error) {
      this.logger.warn(
        `server cache poll failed; MCP requests get 503 after ${FRESHNESS_LIMIT_MS} ms without one: ${(error as Error).message}`,
      );
    }
  }
}

const ID_KEY = 'id:';

/** A secret URL's token is cached by its SHA-256 (never in clear); a sign-in URL by its server id. */
function cacheKeyOf(address: McpAddress): string | null {
  if (address.kind === 'sign_in')
    return SERVER_ID.test(address.serverId) ? `${ID_KEY}${address.serverId.toLowerCase()}` : null;
  return MCP_TOKEN_PATTERN.test(address.token) ? sha256Hex(address.token) : null;
}

function lower(current: bigint | null, candidate: bigint): bigint {
  return current === null || candidate < current ? candidate : current;
}
