import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GENESIS_HASH, verifyChain, type AuditRecord, type ChainVerdict } from '@gw/audit-chain';
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
   * Walks the organization's whole chain from its anchor (the first row, or the last purged one) and checks the
   * newest row is the chain head, so removing the latest rows is caught too.
   */
  async verify(organizationId: string): Promise<ChainVerdict> {
    const [head] = (await this.dataSource.query(
      'SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    )) as { last_seq: string; last_hash: string; anchor_seq: string; anchor_hash: string }[];
    const anchor = head
      ? { seq: Number(head.anchor_seq), hash: head.anchor_hash }
      : { seq: 1, hash: GENESIS_HASH };
    let last: AuditRecord | undefined;
    const records = this.stream(organizationId, {});
    const tracked = (async function* () {
      for await (const record of records) {
        last = record;
        yield record;
      }
    })();
    const verdict = await verifyChain(tracked, anchor);
    if (!verdict.ok || !head) return verdict;
    if ((last?.seq ?? anchor.seq - 1) !== Number(head.last_seq) || (last && last.hash !== head.last_hash)) {
      return {
        ok: false,
        checked: verdict.checked,
        first_bad_id: last?.id,
        reason: 'the newest rows are missing',
      };
    }
    return verdict;
  }
}
