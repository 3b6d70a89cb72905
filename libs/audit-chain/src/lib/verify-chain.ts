import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';

export interface ChainAnchor {
  /** The seq the first record must have (1, or one past the last purged row). */
  seq: number;
  /** The hash the first record must point back to (genesis, or the last purged row's hash). */
  hash: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  first_bad_id?: string;
  reason?: string;
}

export const GENESIS_ANCHOR: ChainAnchor = { seq: 1, hash: GENESIS_HASH };

/**
 * Walks one organization's records in `seq` order and reports the first that breaks the chain: a changed row
 * (its hash no longer matches), a deleted one (a gap in `seq`) or a moved one (a link to the wrong predecessor).
 * `anchor: 'first'` trusts the first record's own position, for an export that starts mid-chain.
 */
export async function verifyChain(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  anchor: ChainAnchor | 'first' = GENESIS_ANCHOR,
): Promise<ChainVerdict> {
  let checked = 0;
  let expectedSeq = anchor === 'first' ? null : anchor.seq;
  let expectedPrev = anchor === 'first' ? null : anchor.hash;
  for await (const record of records) {
    const bad = (reason: string): ChainVerdict => ({ ok: false, checked, first_bad_id: record.id, reason });
    if (expectedSeq !== null && Number(record.seq) !== expectedSeq) {
      return bad(`expected seq ${expectedSeq}, found ${record.seq} (a row is missing or out of order)`);
    }
    if (expectedPrev !== null && record.prev_hash !== expectedPrev) {
      return bad('prev_hash does not match the previous row (rows were removed or reordered)');
    }
    if (hashAuditRecord(record) !== record.hash)
      return bad('hash does not match the row (the row was changed)');
    checked += 1;
    expectedSeq = Number(record.seq) + 1;
    expectedPrev = record.hash;
  }
  return { ok: true, checked };
}
