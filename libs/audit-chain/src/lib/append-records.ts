import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';

/** What appending needs from a database transaction (a TypeORM EntityManager or QueryRunner, a pg client). */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type UnsequencedRecord = Omit<AuditRecord, 'seq' | 'prev_hash' | 'hash'>;

/** audit_events' columns in insert order, with their SQL types (the array form of the insert names them). */
export const AUDIT_COLUMN_TYPES = {
  id: 'uuid',
  organization_id: 'uuid',
  seq: 'bigint',
  at: 'timestamptz',
  server_id: 'uuid',
  team_id: 'uuid',
  actor: 'text',
  client_name: 'text',
  client_version: 'text',
  session_id: 'text',
  ip: 'text',
  user_agent: 'text',
  action: 'text',
  tool: 'text',
  arguments: 'jsonb',
  outcome: 'text',
  issue_codes: 'jsonb',
  upstream_status: 'integer',
  duration_ms: 'integer',
  job_id: 'text',
  request_id: 'text',
  trace_id: 'text',
  actor_user_id: 'uuid',
  actor_email: 'text',
  oauth_client_id: 'text',
  clickup_user_id: 'text',
  prev_hash: 'text',
  hash: 'text',
} as const satisfies Record<keyof AuditRecord, string>;

export type AuditColumn = keyof typeof AUDIT_COLUMN_TYPES;
export const AUDIT_COLUMNS = Object.keys(AUDIT_COLUMN_TYPES) as AuditColumn[];

export interface ChainHead {
  seq: number;
  hash: string;
  /** ISO-8601 time of the chain's newest row ('' before the first). */
  at: string;
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
const ROWS_PER_INSERT = Math.floor(65_535 / AUDIT_COLUMNS.length);

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
  const heads = new Map<string, ChainHead>();
  for (const organization of organizations) {
    heads.set(organization, await readChainHead(tx, organization, { lock: true }));
  }
  const written = sequenceRecords(heads, records);
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

/**
 * Reads an organization's chain head, creating the chain at genesis if it has none. With `lock`, the head row stays
 * locked until the caller's transaction ends.
 */
export async function readChainHead(
  db: SqlExecutor,
  organization: string,
  { lock }: { lock: boolean },
): Promise<ChainHead> {
  await db.query(
    `INSERT INTO audit_chains (organization_id, last_seq, last_hash, anchor_seq, anchor_hash)
     VALUES ($1, 0, $2, 1, $2) ON CONFLICT (organization_id) DO NOTHING`,
    [organization, GENESIS_HASH],
  );
  if (!lock) {
    // One snapshot sees the head and its row together: they are always committed together.
    const [head] = (await db.query(
      `SELECT c.last_seq, c.last_hash, e.at FROM audit_chains c
       LEFT JOIN audit_events e ON e.organization_id = c.organization_id AND e.seq = c.last_seq
       WHERE c.organization_id = $1`,
      [organization],
    )) as { last_seq: string; last_hash: string; at: Date | null }[];
    return { seq: Number(head.last_seq), hash: head.last_hash, at: head.at?.toISOString() ?? '' };
  }
  // Locking waits out a concurrent append and then returns the head it wrote, but that statement's snapshot is
  // older than the row it appended: read the row's time in a statement of its own.
  const [head] = (await db.query(
    'SELECT last_seq, last_hash FROM audit_chains WHERE organization_id = $1 FOR UPDATE',
    [organization],
  )) as { last_seq: string; last_hash: string }[];
  const [last] = (await db.query('SELECT at FROM audit_events WHERE organization_id = $1 AND seq = $2', [
    organization,
    head.last_seq,
  ])) as { at: Date }[];
  return { seq: Number(head.last_seq), hash: head.last_hash, at: last?.at.toISOString() ?? '' };
}

/**
 * Gives each record its `seq`, `prev_hash` and `hash` after its chain's head, moving `heads` forward as it goes.
 * `at` never goes back within a chain (clocks of several processes, a batch's arrival order), so a time range is
 * always one contiguous run of `seq`: the review queries rely on it.
 */
export function sequenceRecords(heads: Map<string, ChainHead>, records: UnsequencedRecord[]): AuditRecord[] {
  return records.map((record) => {
    const head = heads.get(record.organization_id) as ChainHead;
    const at = record.at < head.at ? head.at : record.at;
    const sequenced = { ...record, at, seq: head.seq + 1, prev_hash: head.hash };
    const full: AuditRecord = { ...sequenced, hash: hashAuditRecord(sequenced) };
    heads.set(record.organization_id, { seq: full.seq, hash: full.hash, at });
    return full;
  });
}

/** The database form of a record's value in `column` (the JSON columns go as text). */
export function columnValue(record: AuditRecord, column: AuditColumn): unknown {
  const value = record[column];
  if (value === undefined) return null;
  return column === 'arguments' || column === 'issue_codes' ? JSON.stringify(value) : value;
}

async function insertRows(tx: SqlExecutor, records: AuditRecord[]): Promise<void> {
  const params: unknown[] = [];
  const rows = records.map((r) => {
    const values = AUDIT_COLUMNS.map((column) => {
      params.push(columnValue(r, column));
      return `$${params.length}`;
    });
    return `(${values.join(', ')})`;
  });
  await tx.query(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
}
