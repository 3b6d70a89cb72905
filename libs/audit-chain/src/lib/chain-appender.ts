import {
  appendAuditRecords,
  AUDIT_COLUMN_TYPES,
  AUDIT_COLUMNS,
  columnValue,
  readChainHead,
  sequenceRecords,
  type ChainHead,
  type SqlExecutor,
  type UnsequencedRecord,
} from './append-records';
import type { AuditRecord } from './audit-record';

/**
 * One statement appends a run of rows and moves the head, only if the head is still the one this process last saw:
 * the conditional UPDATE takes the head row's lock, so two writers never both succeed from the same head, and the
 * INSERT happens only when the UPDATE did. The statement text never changes (one array per column).
 */
const APPEND_SQL = `WITH head AS (
  UPDATE audit_chains SET last_seq = $1, last_hash = $2
  WHERE organization_id = $3 AND last_seq = $4 AND last_hash = $5
  RETURNING 1
)
INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')})
SELECT * FROM unnest(${AUDIT_COLUMNS.map((column, i) => `$${i + 6}::${AUDIT_COLUMN_TYPES[column]}[]`).join(', ')})
WHERE EXISTS (SELECT 1 FROM head)
RETURNING 1`;

/** A database that can also run work in a transaction (a TypeORM DataSource). */
export interface TransactionalExecutor extends SqlExecutor {
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * A connection of the appender's own, which can run a statement by name: parsed and planned once per connection
 * rather than per commit (it halves an append on embedded PGlite, and saves a few tenths of a millisecond on
 * PostgreSQL, where the commit's WAL flush is most of the rest).
 */
export interface AppendConnection extends TransactionalExecutor {
  execute(name: string, sql: string, params: unknown[]): Promise<unknown[]>;
}

/**
 * Appends audit records with each organization's chain head kept in memory: a batch for one organization is one
 * statement (`APPEND_SQL`) instead of a locked read-modify-write transaction. When another process (another api,
 * the worker, the retention job) moved the head since, the statement changes nothing, and the batch is appended
 * the slow way, under the head row's lock, which also tells this process the new head. Organizations are appended
 * one after another, each atomically. Calls run one at a time, in the order they were made.
 */
export class ChainAppender {
  private readonly heads = new Map<string, ChainHead>();
  private tail: Promise<unknown> = Promise.resolve();

  append(db: AppendConnection, records: UnsequencedRecord[]): Promise<AuditRecord[]> {
    const run = this.tail.then(() => this.appendAll(db, records));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async appendAll(db: AppendConnection, records: UnsequencedRecord[]): Promise<AuditRecord[]> {
    const byOrganization = new Map<string, UnsequencedRecord[]>();
    for (const record of records) {
      const run = byOrganization.get(record.organization_id);
      if (run) run.push(record);
      else byOrganization.set(record.organization_id, [record]);
    }
    const written = new Map<UnsequencedRecord, AuditRecord>();
    for (const [organization, run] of byOrganization) {
      const sequenced = await this.appendRun(db, organization, run);
      run.forEach((record, i) => written.set(record, sequenced[i]));
    }
    return records.map((record) => written.get(record) as AuditRecord);
  }

  private async appendRun(
    db: AppendConnection,
    organization: string,
    run: UnsequencedRecord[],
  ): Promise<AuditRecord[]> {
    const seen = this.heads.get(organization) ?? (await readChainHead(db, organization, { lock: false }));
    const heads = new Map([[organization, seen]]);
    const sequenced = sequenceRecords(heads, run);
    const next = heads.get(organization) as ChainHead;
    this.heads.delete(organization);
    const inserted = await db.execute('audit_append', APPEND_SQL, [
      next.seq,
      next.hash,
      organization,
      seen.seq,
      seen.hash,
      ...AUDIT_COLUMNS.map((column) => sequenced.map((record) => columnValue(record, column))),
    ]);
    if (inserted.length === run.length) {
      this.heads.set(organization, next);
      return sequenced;
    }
    const written = await db.transaction((tx) => appendAuditRecords(tx, run));
    const last = written[written.length - 1];
    this.heads.set(organization, { seq: last.seq, hash: last.hash, at: last.at });
    return written;
  }
}
