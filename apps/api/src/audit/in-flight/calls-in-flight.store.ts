import {
  appendAuditRecords,
  type AuditRecord,
  type SqlExecutor,
  type TransactionalExecutor,
  type UnsequencedRecord,
} from '@gw/audit-chain';

/** The issue code of the row a call gets when its api process stopped (or gave up) before its own row committed. */
export const INTERRUPTED = 'INTERRUPTED';

/** What that row says, beside the call's arguments. */
export const INTERRUPTED_REASON =
  'The gateway process handling this call stopped before it answered (or could not write its audit row); ClickUp may have applied it — check before retrying.';

/** What one sweep found among the markers it took. */
export interface Swept {
  /** Rows appended as INTERRUPTED, one per call whose own row was never committed. */
  interrupted: AuditRecord[];
  /** Markers whose call's own row was committed after all: removed, nothing appended. */
  settled: number;
}

export interface SweepOptions {
  /** A process whose heartbeat is older than this has stopped. */
  staleSeconds: number;
  /** At most this many markers per sweep (one transaction). */
  limit: number;
  /**
   * The sweeping process and the calls it is running: its other markers written before `before` are of calls it
   * gave up on (a marker written after the list was taken is not on it, hence the time).
   */
  own?: { instanceId: string; active: readonly string[]; before: Date };
}

/**
 * Takes markers whose owner stopped (no heartbeat, or one older than `staleSeconds`) or gave them up, locking each so
 * a concurrent sweeper skips it, and deletes them; the transaction commits only with their rows appended.
 */
const TAKE_SQL = `DELETE FROM calls_in_flight WHERE id IN (
  SELECT m.id FROM calls_in_flight m
  LEFT JOIN api_heartbeats h ON h.instance_id = m.instance_id
  WHERE h.instance_id IS NULL
     OR h.beat_at < now() - make_interval(secs => $1::integer)
     OR (m.instance_id = $2::uuid AND NOT (m.id = ANY($3::uuid[])) AND m.started_at < $5::timestamptz)
  ORDER BY m.started_at
  LIMIT $4
  FOR UPDATE OF m SKIP LOCKED
) RETURNING id, record`;

/**
 * The durable side of calls in flight (docs/adr/0029-calls-in-flight.md): a marker per call that may write, keyed by
 * the id its audit row will have, and a heartbeat per api process. Every time is the database's, so the clocks of
 * several hosts never disagree about which heartbeat is stale.
 */
export class CallsInFlightStore {
  constructor(private readonly db: TransactionalExecutor) {}

  async beat(instanceId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO api_heartbeats (instance_id) VALUES ($1)
       ON CONFLICT (instance_id) DO UPDATE SET beat_at = now()`,
      [instanceId],
    );
  }

  /** A process that stops cleanly: whatever it still owns becomes sweepable at once. */
  async forget(instanceId: string): Promise<void> {
    await this.db.query('DELETE FROM api_heartbeats WHERE instance_id = $1', [instanceId]);
  }

  /** Writes the marker of a call; `record` is the row the call gets should it be interrupted. */
  async open(instanceId: string, record: UnsequencedRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO calls_in_flight (id, instance_id, organization_id, server_id, tool, started_at, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.id,
        instanceId,
        record.organization_id,
        record.server_id,
        record.tool,
        record.at,
        JSON.stringify(record),
      ],
    );
  }

  /** Removes the markers of calls whose own rows are committed. */
  async close(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('DELETE FROM calls_in_flight WHERE id = ANY($1::uuid[])', [ids]);
  }

  /**
   * Records the calls of stopped processes: each marker taken is deleted and, unless its call's own row (same id) was
   * committed after all, replaced by an INTERRUPTED row, in one transaction. Two sweepers never take one marker
   * (`SKIP LOCKED`), and `audit_events.id` is the primary key, so a call can never have two rows.
   */
  sweep(options: SweepOptions, now: () => Date = () => new Date()): Promise<Swept> {
    return this.db.transaction(async (tx) => {
      const taken = (await tx.query(TAKE_SQL, [
        options.staleSeconds,
        options.own?.instanceId ?? null,
        options.own?.active ?? [],
        options.limit,
        options.own?.before.toISOString() ?? null,
      ])) as unknown;
      const markers = deletedRows(taken);
      if (markers.length === 0) return { interrupted: [], settled: 0 };
      const committed = await committedIds(
        tx,
        markers.map((m) => m.id),
      );
      const at = now().toISOString();
      const records = markers
        .filter((m) => !committed.has(m.id))
        .map((m): UnsequencedRecord => ({ ...m.record, at, duration_ms: null }));
      const interrupted = await appendAuditRecords(tx, records);
      return { interrupted, settled: markers.length - records.length };
    });
  }
}

interface Marker {
  id: string;
  record: UnsequencedRecord;
}

/** `DELETE … RETURNING` answers `[rows, count]` through TypeORM's PostgreSQL driver and plain rows elsewhere. */
function deletedRows(result: unknown): Marker[] {
  const rows = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) ? result[0] : result;
  return (rows as { id: string; record: UnsequencedRecord | string }[]).map((row) => ({
    id: row.id,
    record: typeof row.record === 'string' ? (JSON.parse(row.record) as UnsequencedRecord) : row.record,
  }));
}

async function committedIds(tx: SqlExecutor, ids: string[]): Promise<Set<string>> {
  const rows = (await tx.query('SELECT id FROM audit_events WHERE id = ANY($1::uuid[])', [ids])) as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}
