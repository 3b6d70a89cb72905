import type { AuditSinkKind, AuditSinkSettings } from './entities/audit-sink.entity';

/** What reading sink status needs of a database: a DataSource, an EntityManager or a QueryRunner. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A sink as its dispatcher and the console see it: its row, and how far behind its organization's chain it is. */
export interface AuditSinkStatus {
  id: string;
  organizationId: string;
  name: string;
  kind: AuditSinkKind;
  settings: AuditSinkSettings;
  secretCiphertext: string | null;
  secretKeyId: string | null;
  secretHint: string | null;
  paused: boolean;
  cursorSeq: number;
  /** The seq of the last checkpoint delivered. */
  checkpointSeq: number;
  headSeq: number;
  lagEvents: number;
  /** When the oldest event the receiver has not acknowledged was recorded; null when it is up to date. */
  pendingSince: Date | null;
  deliveredAt: Date | null;
  failures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  nextAttemptAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  testRequestedAt: Date | null;
  testedAt: Date | null;
  testError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface StatusRow {
  id: string;
  organization_id: string;
  name: string;
  kind: AuditSinkKind;
  settings: AuditSinkSettings;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
  secret_hint: string | null;
  paused: boolean;
  cursor_seq: string;
  checkpoint_seq: string;
  head_seq: string;
  pending_since: Date | null;
  delivered_at: Date | null;
  failures: number;
  last_error: string | null;
  last_error_at: Date | null;
  next_attempt_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
  test_requested_at: Date | null;
  tested_at: Date | null;
  test_error: string | null;
  created_at: Date;
  updated_at: Date;
}

// The oldest pending event is one probe of the (organization_id, seq) unique index per sink.
const STATUS_SQL = `SELECT s.*, COALESCE(c.last_seq, 0) AS head_seq,
  (SELECT e.at FROM audit_events e WHERE e.organization_id = s.organization_id AND e.seq > s.cursor_seq
   ORDER BY e.seq ASC LIMIT 1) AS pending_since
FROM audit_sinks s LEFT JOIN audit_chains c ON c.organization_id = s.organization_id`;

/** Every sink (of one organization, or of all), oldest first, with its lag. */
export async function loadAuditSinkStatuses(
  db: Queryable,
  filter: { organizationId?: string; id?: string } = {},
): Promise<AuditSinkStatus[]> {
  const rows = (await db.query(
    `${STATUS_SQL}
     WHERE ($1::uuid IS NULL OR s.organization_id = $1) AND ($2::uuid IS NULL OR s.id = $2)
     ORDER BY s.created_at ASC, s.id ASC`,
    [filter.organizationId ?? null, filter.id ?? null],
  )) as StatusRow[];
  return rows.map(toStatus);
}

function toStatus(row: StatusRow): AuditSinkStatus {
  const cursorSeq = Number(row.cursor_seq);
  const headSeq = Number(row.head_seq);
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    kind: row.kind,
    settings: row.settings,
    secretCiphertext: row.secret_ciphertext,
    secretKeyId: row.secret_key_id,
    secretHint: row.secret_hint,
    paused: row.paused,
    cursorSeq,
    checkpointSeq: Number(row.checkpoint_seq),
    headSeq,
    lagEvents: row.pending_since ? Math.max(0, headSeq - cursorSeq) : 0,
    pendingSince: row.pending_since,
    deliveredAt: row.delivered_at,
    failures: row.failures,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    nextAttemptAt: row.next_attempt_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    testRequestedAt: row.test_requested_at,
    testedAt: row.tested_at,
    testError: row.test_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Seconds the oldest unacknowledged event has waited; 0 when the sink is up to date. */
export function auditSinkLagSeconds(status: AuditSinkStatus, now = Date.now()): number {
  return status.pendingSince ? Math.max(0, (now - status.pendingSince.getTime()) / 1000) : 0;
}
