import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChainWalker,
  GENESIS_ANCHOR,
  type AuditRecord,
  type ChainAnchor,
  type ChainVerdict,
  toAuditRecord,
  type AuditEventRow,
} from '@gw/audit-chain';
import { DatabaseConfig } from '@gw/config';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { whereClause, type AuditFiltersDto, type AuditListQueryDto } from './audit-filters';
import { forEachRecord, type RecordSink } from './record-stream';

/** How long a page under several filters walks an index newest first before a bitmap plan joins in. */
const HEDGE_AFTER_MS = 30;
/** No review query is worth more than this; a plan that lost the race is stopped here at the latest. */
const PLAN_CAP_MS = 10_000;
/** Filters with an index (or the trigram index) of their own; a time range only bounds `seq`. */
const COMBINABLE = [
  'server_id',
  'team_id',
  'tool',
  'outcome',
  'actor',
  'actor_user_id',
  'action',
  'client',
  'job_id',
  'q',
] as const;

/** Reading the audit log: filtered pages newest first, single events, streamed exports and chain verification. */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly database: DatabaseConfig,
  ) {}

  /** Keyset pages on `seq`: stable while new rows arrive, since new rows only ever get higher numbers. */
  async list(
    organizationId: string,
    query: AuditListQueryDto,
  ): Promise<{ items: AuditRecord[]; next_cursor: string | null }> {
    const limit = query.limit ?? 50;
    const where = await this.where(organizationId, query);
    if (!where) return { items: [], next_cursor: null };
    const { sql, params } = where;
    const cursor = query.cursor ? ` AND seq < $${params.length + 1}` : '';
    if (query.cursor) params.push(query.cursor);
    const statement = `SELECT * FROM audit_events WHERE ${sql}${cursor} ORDER BY seq DESC LIMIT ${limit + 1}`;
    const combined = COMBINABLE.filter((f) => query[f] !== undefined).length > 1;
    const rows = combined ? await this.boundedQuery(statement, params) : await this.query(statement, params);
    const page = rows.slice(0, limit).map(toAuditRecord);
    return { items: page, next_cursor: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  /**
   * A page under several filters, hedged between two plans. PostgreSQL bets that walking one filter's `seq`-ordered
   * index newest first finds a page of matches early; when the filters together match few rows or none (this server
   * and this text, this tool and that outcome) that walk reads every row of the index. So if the walk has not
   * answered within a short head start, the same page is also planned from bitmaps of each filter's index (which
   * costs what the matches cost), and whichever answers first is the answer. The embedded database runs one
   * statement at a time, so there a second plan would only queue behind the first.
   */
  private async boundedQuery(statement: string, params: unknown[]): Promise<AuditEventRow[]> {
    const walk = this.planned(statement, params, []);
    if (this.database.embedded) return walk;
    const early = await Promise.race([walk, delay(HEDGE_AFTER_MS).then(() => undefined)]);
    if (early) return early;
    const bitmaps = this.planned(statement, params, ['SET LOCAL enable_indexscan = off']);
    // The slower plan runs on until it ends or times out; its failure is of no interest once the other answered.
    walk.catch(() => undefined);
    bitmaps.catch(() => undefined);
    return Promise.any([walk, bitmaps]).catch((error: AggregateError) => {
      throw error.errors[0];
    });
  }

  /** One statement in its own transaction, under the given planner settings and a time cap. */
  private async planned(statement: string, params: unknown[], settings: string[]): Promise<AuditEventRow[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      for (const setting of [`SET LOCAL statement_timeout = ${PLAN_CAP_MS}`, ...settings])
        await runner.query(setting);
      const rows = (await runner.query(statement, params)) as AuditEventRow[];
      await runner.commitTransaction();
      return rows;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async query(statement: string, params: unknown[]): Promise<AuditEventRow[]> {
    return (await this.dataSource.query(statement, params)) as AuditEventRow[];
  }

  async get(organizationId: string, id: string): Promise<AuditRecord> {
    const [row] = (await this.dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 AND id = $2',
      [organizationId, id],
    )) as AuditEventRow[];
    if (!row) throw new NotFoundException(`No audit event ${id}`);
    return toAuditRecord(row);
  }

  /** Oldest first, row by row (see `forEachRecord`), so an export of any size holds one row at a time. */
  async forEach(organizationId: string, filters: AuditFiltersDto, sink: RecordSink): Promise<void> {
    const where = await this.where(organizationId, filters);
    if (where) await forEachRecord(this.dataSource, where, sink);
  }

  /**
   * The filters as SQL, with a time range also turned into the run of `seq` it covers (null when it covers no row).
   * `at` never decreases along a chain (the writer sees to it), so the rows of a time range are contiguous in `seq`,
   * and the bounds let every query walk a `seq`-ordered index from the right place instead of from the newest row.
   */
  private async where(
    organizationId: string,
    filters: AuditFiltersDto,
  ): Promise<{ sql: string; params: unknown[] } | null> {
    const where = whereClause(organizationId, filters);
    const bound = async (sql: string, at: string): Promise<string | undefined> => {
      const [row] = (await this.dataSource.query(sql, [organizationId, new Date(at)])) as { seq: string }[];
      return row?.seq;
    };
    if (filters.from) {
      const first = await bound(
        'SELECT seq FROM audit_events WHERE organization_id = $1 AND at >= $2 ORDER BY at ASC, seq ASC LIMIT 1',
        filters.from,
      );
      if (first === undefined) return null;
      where.params.push(first);
      where.sql += ` AND seq >= $${where.params.length}`;
    }
    if (filters.to) {
      const last = await bound(
        'SELECT seq FROM audit_events WHERE organization_id = $1 AND at < $2 ORDER BY at DESC, seq DESC LIMIT 1',
        filters.to,
      );
      if (last === undefined) return null;
      where.params.push(last);
      where.sql += ` AND seq <= $${where.params.length}`;
    }
    return where;
  }

  /**
   * Walks the organization's whole chain from its anchor (the first row, or one past the last purged row) and
   * checks it ends at the chain head, so removing the newest rows is caught too. Rows appended meanwhile are fine;
   * a purge that moved the anchor meanwhile makes the walk start over.
   */
  async verify(organizationId: string): Promise<ChainVerdict> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(organizationId);
      const verdict = await this.walk(organizationId, head);
      if (verdict.ok || attempt === 3) return verdict;
      const now = await this.head(organizationId);
      if (now?.anchor.seq === head?.anchor.seq) return verdict;
    }
  }

  private async walk(organizationId: string, head: ChainHead | undefined): Promise<ChainVerdict> {
    const anchor = head?.anchor ?? GENESIS_ANCHOR;
    const walker = new ChainWalker(anchor);
    let last: AuditRecord | undefined;
    let headHash: string | undefined;
    let broken: ChainVerdict | undefined;
    await this.forEach(
      organizationId,
      {},
      {
        onRecord: (record) => {
          const reason = walker.next(record);
          if (reason) {
            broken = { ok: false, checked: walker.checked, first_bad_id: record.id, reason };
            return false;
          }
          last = record;
          if (record.seq === head?.lastSeq) headHash = record.hash;
        },
      },
    );
    if (broken) return broken;
    const checked = walker.checked;
    if (!head) return { ok: true, checked };
    if (head.lastSeq >= anchor.seq && headHash !== head.lastHash) {
      return {
        ok: false,
        checked,
        first_bad_id: last?.id,
        reason: `the chain ends at seq ${last?.seq ?? anchor.seq - 1} but its head is seq ${head.lastSeq} (the newest rows were removed or changed)`,
      };
    }
    const now = await this.head(organizationId);
    if (last && now && last.seq > now.lastSeq) {
      const [beyond] = (await this.dataSource.query(
        'SELECT id FROM audit_events WHERE organization_id = $1 AND seq > $2 ORDER BY seq LIMIT 1',
        [organizationId, now.lastSeq],
      )) as { id: string }[];
      return { ok: false, checked, first_bad_id: beyond?.id, reason: 'rows were added past the chain head' };
    }
    return { ok: true, checked };
  }

  private async head(organizationId: string): Promise<ChainHead | undefined> {
    const [row] = (await this.dataSource.query(
      'SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    )) as { last_seq: string; last_hash: string; anchor_seq: string; anchor_hash: string }[];
    if (!row) return undefined;
    return {
      lastSeq: Number(row.last_seq),
      lastHash: row.last_hash,
      anchor: { seq: Number(row.anchor_seq), hash: row.anchor_hash },
    };
  }
}

interface ChainHead {
  lastSeq: number;
  lastHash: string;
  anchor: ChainAnchor;
}
