import type { SqlExecutor } from './append-records';
import { toAuditRecord, type AuditEventRow, type AuditRecord } from './audit-record';

const PAGE = 2000;

/**
 * One organization's audit records with `afterSeq < seq <= untilSeq`, in seq order, read a page at a time so a
 * walk over millions of rows holds one page in memory.
 */
export async function* chainRecords(
  db: SqlExecutor,
  organizationId: string,
  afterSeq: number,
  untilSeq = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<AuditRecord> {
  let after = afterSeq;
  while (after < untilSeq) {
    const rows = (await db.query(
      `SELECT * FROM audit_events WHERE organization_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq ASC LIMIT ${PAGE}`,
      [organizationId, after, untilSeq],
    )) as AuditEventRow[];
    for (const row of rows) yield toAuditRecord(row);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].seq);
  }
}
