import type { SqlExecutor } from './append-records';
import type { SignedCheckpoint } from './checkpoint';

interface CheckpointRow {
  organization_id: string;
  seq: string;
  hash: string;
  created_at: Date;
  every_events: number;
  every_minutes: number;
  key_id: string;
  public_key: string;
  signature: string;
}

const COLUMNS =
  'organization_id, seq, hash, created_at, every_events, every_minutes, key_id, public_key, signature';

/**
 * The `audit_checkpoints` table: reads for verifiers, the console and the sinks, and the one insert the
 * checkpoint job makes. A chain is one organization's; `(organization_id, seq)` is the primary key, so two workers
 * signing the same head write one row.
 */
export class CheckpointStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Checkpoints of a chain with a seq greater than `seq`, oldest first (what a sink delivers next). */
  async after(organizationId: string, seq: number, limit: number): Promise<SignedCheckpoint[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE organization_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3`,
      [organizationId, seq, limit],
    )) as CheckpointRow[];
    return rows.map(toSignedCheckpoint);
  }

  async latest(organizationId: string): Promise<SignedCheckpoint | null> {
    const [newest] = await this.newest(organizationId, 1);
    return newest ?? null;
  }

  /** The newest checkpoints of a chain, newest first (for the console). */
  async newest(organizationId: string, limit: number): Promise<SignedCheckpoint[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE organization_id = $1 ORDER BY seq DESC LIMIT $2`,
      [organizationId, limit],
    )) as CheckpointRow[];
    return rows.map(toSignedCheckpoint);
  }

  /** Checkpoints with `from <= seq <= to`, oldest first (those an archive of that range carries). */
  async between(organizationId: string, from: number, to: number): Promise<SignedCheckpoint[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE organization_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq ASC`,
      [organizationId, from, to],
    )) as CheckpointRow[];
    return rows.map(toSignedCheckpoint);
  }

  /** Stores a checkpoint; false when one at that seq exists already (another worker signed it first). */
  async insert(checkpoint: SignedCheckpoint): Promise<boolean> {
    const rows = (await this.db.query(
      `INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organization_id, seq) DO NOTHING RETURNING seq`,
      [
        checkpoint.organization_id,
        checkpoint.seq,
        checkpoint.hash,
        checkpoint.created_at,
        checkpoint.every_events,
        checkpoint.every_minutes,
        checkpoint.key_id,
        checkpoint.public_key,
        checkpoint.signature,
      ],
    )) as unknown[];
    return rows.length === 1;
  }
}

function toSignedCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    type: 'checkpoint',
    organization_id: row.organization_id,
    seq: Number(row.seq),
    hash: row.hash,
    created_at: row.created_at.toISOString(),
    every_events: row.every_events,
    every_minutes: row.every_minutes,
    key_id: row.key_id,
    public_key: row.public_key,
    signature: row.signature,
  };
}
