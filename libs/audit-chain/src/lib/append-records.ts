import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';

/** What appending needs from a database transaction (a TypeORM EntityManager or QueryRunner, a pg client). */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type UnsequencedRecord = Omit<AuditRecord, 'seq' | 'prev_hash' | 'hash'>;

const COLUMNS = [
  'id',
  'organization_id',
  'seq',
  'at',
  'server_id',
  'team_id',
  'actor',
  'client_name',
  'client_version',
  'session_id',
  'ip',
  'user_agent',
  'action',
  'tool',
  'arguments',
  'outcome',
  'issue_codes',
  'upstream_status',
  'duration_ms',
  'job_id',
  'request_id',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditRecord)[];

interface Head {
  seq: number;
  hash: string;
  /** ISO-8601 time of the chain's newest row ('' before the first). */
  at: string;
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
const ROWS_PER_INSERT = Math.floor(65_535 / COLUMNS.length);

/**
 * Appends records to their organizations' chains inside the caller's transaction. Each organization's head row in
 * `audit_chains` is locked (in a fixed order, so concurrent writers cannot deadlock), which keeps `seq` gap-free and
 * every chain linear across the api processes and the worker. Records get their `seq`, `prev_hash` and `hash` here,
 * and an `at` no earlier than the row before them.
 */
export async function appendAuditRecords(
  tx: SqlExecutor,
  records: UnsequencedRecord[],
): Promise<AuditRecord[]> {
  if (records.length === 0) return [];
  const organizations = [...new Set(records.map((r) => r.organization_id))].sort();
  const heads = new Map<string, Head>();
  for (const organization of organizations) {
    await tx.query(
      `INSERT INTO audit_chains (organization_id, last_seq, last_hash, anchor_seq, anchor_hash)
       VALUES ($1, 0, $2, 1, $2) ON CONFLICT (organization_id) DO NOTHING`,
      [organization, GENESIS_HASH],
    );
    const [head] = (await tx.query(
      'SELECT last_seq, last_hash FROM audit_chains WHERE organization_id = $1 FOR UPDATE',
      [organization],
    )) as { last_seq: string; last_hash: string }[];
    const [last] = (await tx.query('SELECT at FROM audit_events WHERE organization_id = $1 AND seq = $2', [
      organization,
      head.last_seq,
    ])) as { at: Date }[];
    heads.set(organization, {
      seq: Number(head.last_seq),
      hash: head.last_hash,
      at: last?.at.toISOString() ?? '',
    });
  }
  const written = records.map((record) => {
    const head = heads.get(record.organization_id) as Head;
    // `at` never goes back within a chain (clocks of several api processes, a batch's arrival order), so a time
    // range is always one contiguous run of `seq`: the review queries rely on it.
    const at = record.at < head.at ? head.at : record.at;
    const sequenced = { ...record, at, seq: head.seq + 1, prev_hash: head.hash };
    const full: AuditRecord = { ...sequenced, hash: hashAuditRecord(sequenced) };
    heads.set(record.organization_id, { seq: full.seq, hash: full.hash, at });
    return full;
  });
  for (let start = 0; start < written.length; start += ROWS_PER_INSERT) {
    await insertRows(tx, written.slice(start, start + ROWS_PER_INSERT));
  }
  for (const [organization, head] of heads) {
    await tx.query('UPDATE audit_chains SET last_seq = $2, last_hash = $3 WHERE organization_id = $1', [
      organization,
      head.seq,
      head.hash,
    ]);
  }
  return written;
}

async function insertRows(tx: SqlExecutor, records: AuditRecord[]): Promise<void> {
  const params: unknown[] = [];
  const rows = records.map((r) => {
    const values = COLUMNS.map((column) => {
      const value = r[column];
      params.push(column === 'arguments' || column === 'issue_codes' ? JSON.stringify(value) : value);
      return `$${params.length}`;
    });
    return `(${values.join(', ')})`;
  });
  await tx.query(`INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
}
