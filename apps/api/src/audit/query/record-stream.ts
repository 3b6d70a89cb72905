import { toAuditRecord, type AuditEventRow, type AuditRecord } from '@gw/audit-chain';
import { Query, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

const BATCH = 1000;

export interface RecordSink {
  /** Called for each record as its row arrives; returning false stops the walk after the current batch. */
  onRecord(record: AuditRecord): boolean | void;
  /** Awaited between batches: where a consumer applies backpressure. */
  between?(): Promise<void>;
}

/**
 * Walks the matching events oldest first in keyset batches, handing each row over as the driver parses it. Rows are
 * not collected into result arrays, so each one is garbage as soon as it is handled: an export or a verification of
 * a million rows keeps the api's heap as small as one of a thousand.
 */
export async function forEachRecord(
  dataSource: DataSource,
  where: { sql: string; params: unknown[] },
  sink: RecordSink,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const sql = `SELECT * FROM audit_events WHERE ${where.sql} AND seq > $${where.params.length + 1}
               ORDER BY seq ASC LIMIT ${BATCH}`;
  try {
    let after = 0;
    for (;;) {
      const batch = await runBatch(client, sql, [...where.params, after], sink);
      if (batch.stopped || batch.count < BATCH) return;
      after = batch.lastSeq;
      await sink.between?.();
    }
  } finally {
    await runner.release();
  }
}

function runBatch(
  client: PoolClient,
  sql: string,
  params: unknown[],
  sink: RecordSink,
): Promise<{ count: number; lastSeq: number; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let lastSeq = 0;
    let stopped = false;
    let failure: unknown;
    const query = new Query<AuditEventRow>(sql, params);
    query.on('row', (row: AuditEventRow) => {
      count += 1;
      lastSeq = Number(row.seq);
      if (stopped || failure) return;
      try {
        if (sink.onRecord(toAuditRecord(row)) === false) stopped = true;
      } catch (error) {
        // Thrown inside the driver's parser it would break the connection: keep it for the end of the batch.
        failure = error;
      }
    });
    query.on('error', reject);
    query.on('end', () => (failure ? reject(failure) : resolve({ count, lastSeq, stopped })));
    client.query(query);
  });
}
