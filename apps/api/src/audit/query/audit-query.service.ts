import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChainWalker,
  GENESIS_ANCHOR,
  type AuditRecord,
  type ChainAnchor,
  type ChainVerdict,
} from '@gw/audit-chain';
import { DataSource } from 'typeorm';
import { toAuditRecord, type AuditEventRow } from '../audit-record.mapper';
import { whereClause, type AuditFiltersDto, type AuditListQueryDto } from './audit-filters';

const BATCH = 1000;

/** Reading the audit log: filtered pages newest first, single events, streamed exports and chain verification. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset pages on `seq`: stable while new rows arrive, since new rows only ever get higher numbers. */
  async list(
    organizationId: string,
    query: AuditListQueryDto,
  ): Promise<{ items: AuditRecord[]; next_cursor: string | null }> {
    const limit = query.limit ?? 50;
    const { sql, params } = whereClause(organizationId, query);
    const cursor = query.cursor ? ` AND seq < $${params.length + 1}` : '';
    if (query.cursor) params.push(query.cursor);
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit_events WHERE ${sql}${cursor} ORDER BY seq DESC LIMIT ${limit + 1}`,
      params,
    )) as AuditEventRow[];
    const page = rows.slice(0, limit).map(toAuditRecord);
    return { items: page, next_cursor: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  async get(organizationId: string, id: string): Promise<AuditRecord> {
    const [row] = (await this.dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 AND id = $2',
      [organizationId, id],
    )) as AuditEventRow[];
    if (!row) throw new NotFoundException(`No audit event ${id}`);
    return toAuditRecord(row);
  }

  /** Oldest first, in batches, so an export of any size holds one batch in memory. */
  async *stream(organizationId: string, filters: AuditFiltersDto): AsyncGenerator<AuditRecord> {
    const { sql, params } = whereClause(organizationId, filters);
    let after = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT * FROM audit_events WHERE ${sql} AND seq > $${params.length + 1} ORDER BY seq ASC LIMIT ${BATCH}`,
        [...params, after],
      )) as AuditEventRow[];
      for (const row of rows) yield toAuditRecord(row);
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1].seq);
    }
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
    for await (const record of this.stream(organizationId, {})) {
      const reason = walker.next(record);
      if (reason) return { ok: false, checked: walker.checked, first_bad_id: record.id, reason };
      last = record;
      if (record.seq === head?.lastSeq) headHash = record.hash;
    }
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
