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

export interface ChainWalkOptions {
  /**
   * For filtered exports: a jump in `seq` is accepted, and only rows that follow each other directly must link.
   * Every row's own hash is still checked.
   */
  allowGaps?: boolean;
}

/**
 * Checks one organization's records fed one at a time in `seq` order, so a verifier can walk a chain of any length
 * (or several interleaved chains, one walker each) in constant memory.
 * `anchor: 'first'` trusts the first record's own position, for an export that starts mid-chain.
 */
export class ChainWalker {
  private expectedSeq: number | null;
  private expectedPrev: string | null;
  checked = 0;

  constructor(
    anchor: ChainAnchor | 'first' = GENESIS_ANCHOR,
    private readonly options: ChainWalkOptions = {},
  ) {
    this.expectedSeq = anchor === 'first' ? null : anchor.seq;
    this.expectedPrev = anchor === 'first' ? null : anchor.hash;
  }

  /** Why `record` breaks the chain, or null when it extends it. */
  next(record: AuditRecord): string | null {
    const seq = Number(record.seq);
    const linked = this.expectedSeq === null || seq === this.expectedSeq;
    if (!linked && !(this.options.allowGaps && this.expectedSeq !== null && seq > this.expectedSeq)) {
      return `expected seq ${this.expectedSeq}, found ${record.seq} (a row is missing or out of order)`;
    }
    if (linked && this.expectedPrev !== null && record.prev_hash !== this.expectedPrev) {
      return 'prev_hash does not match the previous row (rows were removed or reordered)';
    }
    if (hashAuditRecord(record) !== record.hash) return 'hash does not match the row (the row was changed)';
    this.checked += 1;
    this.expectedSeq = seq + 1;
    this.expectedPrev = record.hash;
    return null;
  }
}

/**
 * Walks one organization's records in `seq` order and reports the first that breaks the chain: a changed row
 * (its hash no longer matches), a deleted one (a gap in `seq`) or a moved one (a link to the wrong predecessor).
 */
export async function verifyChain(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  anchor: ChainAnchor | 'first' = GENESIS_ANCHOR,
  options: ChainWalkOptions = {},
): Promise<ChainVerdict> {
  const walker = new ChainWalker(anchor, options);
  for await (const record of records) {
    const reason = walker.next(record);
    if (reason) return { ok: false, checked: walker.checked, first_bad_id: record.id, reason };
  }
  return { ok: true, checked: walker.checked };
}
