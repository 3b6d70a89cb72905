import type { SecretBox } from '@gw/security';
import { classifySealedRow, type SqlRunner, type UnreadableCredential } from './credential-census';
import {
  rowAad,
  SEALED_COLUMNS,
  sealedValuesQuery,
  type SealedColumn,
  type SealedRow,
} from './sealed-columns';

/** Values re-sealed per transaction: short row locks, and progress a console can follow. */
export const RESEAL_BATCH = 200;

export interface ResealProgress {
  /** Values handled so far: re-sealed, or found unreadable and left as they are. */
  done: number;
  /** Values not under the current key when the run started. */
  total: number;
}

export interface ResealOutcome {
  resealed: number;
  /** Values left under an old key because no configured key opens them. */
  unreadable: UnreadableCredential[];
}

interface Transactional {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

/** Values that name a key other than the current one: what a run has left to do. */
export async function countNotUnderCurrentKey(db: SqlRunner, box: SecretBox): Promise<number> {
  let total = 0;
  for (const column of SEALED_COLUMNS) {
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM (${sealedValuesQuery(column, { notUnderKey: true })}) AS page`,
      [null, null, box.currentKeyId],
    )) as { count: number }[];
    total += count;
  }
  return total;
}

/**
 * Re-seals every stored secret that is not under the current key, one transaction per batch of one column. A batch
 * locks its rows, so a value saved meanwhile by a service waits and is never overwritten with an older one. Values
 * already under the current key are never selected: a second run, or a run resumed after a crash, only does what
 * is left. A value no key opens is reported and skipped, never the end of the run.
 */
export async function resealAll(
  db: Transactional,
  box: SecretBox,
  onBatch: (progress: ResealProgress) => Promise<void>,
  total: number,
): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { resealed: 0, unreadable: [] };
  let done = 0;
  for (const column of SEALED_COLUMNS) {
    let after: string | null = null;
    for (;;) {
      const page = await db.transaction((tx) => resealPage(tx, box, column, after));
      outcome.resealed += page.resealed;
      outcome.unreadable.push(...page.unreadable);
      done += page.rows;
      if (page.rows > 0) await onBatch({ done, total: Math.max(total, done) });
      if (page.rows < RESEAL_BATCH || page.lastId === null) break;
      after = page.lastId;
    }
  }
  return outcome;
}

async function resealPage(
  tx: SqlRunner,
  box: SecretBox,
  column: SealedColumn,
  after: string | null,
): Promise<{ rows: number; lastId: string | null; resealed: number; unreadable: UnreadableCredential[] }> {
  const rows = (await tx.query(sealedValuesQuery(column, { notUnderKey: true, lock: true }), [
    after,
    RESEAL_BATCH,
    box.currentKeyId,
  ])) as SealedRow[];
  let resealed = 0;
  const unreadable: UnreadableCredential[] = [];
  for (const row of rows) {
    const found = classifySealedRow(box, column, row);
    if (found !== 'previous') {
      // 'current' cannot come back from a query for other keys; anything else no key opens.
      if (found !== 'current')
        unreadable.push({ kind: column.kind, id: row.id, key_id: row.key_id, reason: found });
      continue;
    }
    const sealed = box.reseal(
      { ciphertext: row.ciphertext ?? '', keyId: row.key_id ?? '' },
      rowAad(column, row),
    );
    await tx.query(
      `UPDATE ${column.table} SET ${column.ciphertext} = $1, ${column.keyId} = $2 WHERE ${column.id} = $3`,
      [sealed.ciphertext, sealed.keyId, row.id],
    );
    resealed += 1;
  }
  return { rows: rows.length, lastId: rows.at(-1)?.id ?? null, resealed, unreadable };
}
