import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { McpConfig } from '@gw/config';
import { CallerAccountLoader, type CallerAccount } from '@gw/mcp-servers';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { LinkedAccountChanges } from '../../../linked-accounts/linked-account-changes';
import { MetricsService } from '../../../metrics/metrics.service';
import { FRESHNESS_LIMIT_MS } from '../../admission/registry/mcp-server-registry.service';

/** At most this many people's accounts are held (about 1 KB each); the rest are read when they call. */
const PEOPLE_MAX = 10_000;
/** Larger than any transaction id: the first poll reads no rows, only the horizon the next one starts from. */
const NO_ROWS = '9223372036854775807';
/** `last_used_at` is written at most this often per person. */
const LAST_USE_WRITE_MS = 30_000;

interface Cached {
  account: CallerAccount | null;
  /** `change_xid` of the row as read; empty when the person had none. */
  version: string;
}

const keyOf = (organizationId: string, userId: string) => `${organizationId}:${userId}`;

/**
 * Each person's linked ClickUp account, per process, for servers acting as their caller: one read per person, then
 * kept until the row changes. It is versioned and polled exactly like the server cache (docs/adr/0004): the poll reads
 * rows whose `change_xid` is at least the last poll's snapshot horizon, a miss lowers that horizon to its own, and a
 * person not linked is cached too (an insert changes the version). A link or unlink made here applies at once;
 * other processes follow within one poll. Without a successful poll for 5 s, nothing cached is trusted.
 */
@Injectable()
export class CallerAccountCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallerAccountCache.name);
  private readonly people = new LRUCache<string, Cached>({ max: PEOPLE_MAX });
  private readonly reads = new Map<string, Promise<Cached>>();
  private readonly lastUseWrites = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private since: bigint | null = null;
  private floor: bigint | null = null;
  private confirmedAt = 0;
  private localChanges = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: CallerAccountLoader,
    private readonly mcp: McpConfig,
    changes: LinkedAccountChanges,
    private readonly metrics: MetricsService,
  ) {
    changes.onCommitted(({ organizationId, userId }) => {
      this.localChanges++;
      this.people.delete(keyOf(organizationId, userId));
    });
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The person's linked account, or null when they have none. */
  async accountOf(organizationId: string, userId: string): Promise<CallerAccount | null> {
    const key = keyOf(organizationId, userId);
    if (Date.now() - this.confirmedAt > FRESHNESS_LIMIT_MS) {
      return (await this.loader.read(organizationId, userId)).account;
    }
    const held = this.people.get(key);
    this.metrics.cacheLookup('caller_account', held !== undefined);
    const cached = held ?? (await this.load(key, organizationId, userId));
    return cached.account;
  }

  /** Records when the person's account last acted; the column does not change the row's version. */
  noteUse(account: CallerAccount): void {
    const key = keyOf(account.organizationId, account.userId);
    const now = Date.now();
    if ((this.lastUseWrites.get(key) ?? 0) > now - LAST_USE_WRITE_MS) return;
    this.lastUseWrites.set(key, now);
    void this.dataSource
      .query(
        'UPDATE clickup_linked_accounts SET last_used_at = now() WHERE organization_id = $1 AND user_id = $2',
        [account.organizationId, account.userId],
      )
      .catch((error: Error) =>
        this.logger.warn(`could not record the last use of a linked account: ${error.message}`),
      );
  }

  private load(key: string, organizationId: string, userId: string): Promise<Cached> {
    let pending = this.reads.get(key);
    if (!pending) {
      pending = this.readAndCache(key, organizationId, userId).finally(() => this.reads.delete(key));
      this.reads.set(key, pending);
    }
    return pending;
  }

  private async readAndCache(key: string, organizationId: string, userId: string): Promise<Cached> {
    const changesBefore = this.localChanges;
    const { account, version, horizon } = await this.loader.read(organizationId, userId);
    const cached = { account, version };
    // A link or unlink committed here during the read may postdate it: serve it once, cache nothing.
    if (changesBefore !== this.localChanges) return cached;
    this.since = lower(this.since, horizon);
    this.floor = lower(this.floor, horizon);
    this.people.set(key, cached);
    return cached;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.mcp.cachePollMs);
    this.timer.unref();
  }

  /** One statement, one snapshot: the rows changed since the last poll's horizon, and this snapshot's xmin. */
  private async poll(): Promise<void> {
    const sentAt = Date.now();
    this.floor = null;
    try {
      const rows = (await this.dataSource.query(
        `SELECT NULL::uuid AS organization_id, NULL::uuid AS user_id, NULL::text AS version,
                pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
         UNION ALL
         SELECT organization_id, user_id, change_xid::text, NULL FROM clickup_linked_accounts WHERE change_xid >= $1`,
        [String(this.since ?? NO_ROWS)],
      )) as { organization_id: string | null; user_id: string; version: string; horizon: string | null }[];
      let horizon = 0n;
      for (const row of rows) {
        if (row.organization_id === null) {
          horizon = BigInt(row.horizon as string);
          continue;
        }
        const key = keyOf(row.organization_id, row.user_id);
        if (this.people.peek(key)?.version !== row.version) this.people.delete(key);
      }
      this.since = lower(this.floor, horizon);
      this.confirmedAt = sentAt;
    } catch (error) {
      this.logger.warn(
        `linked-account cache poll failed; reading each call's account until one succeeds: ${(error as Error).message}`,
      );
    }
  }
}

function lower(current: bigint | null, candidate: bigint): bigint {
  return current === null || candidate < current ? candidate : current;
}
