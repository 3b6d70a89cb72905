import type { AuditRecord } from './audit-record';
import {
  checkpointSignatureProblem,
  type CheckpointPolicy,
  type SignedCheckpoint,
  type TrustedKeys,
} from './checkpoint';
import { ChainWalker, type ChainAnchor } from './verify-chain';

export type CheckpointFindingKind =
  'chain' | 'untrusted' | 'conflict' | 'mismatch' | 'anchor' | 'beyond-end' | 'missing';

export interface CheckpointFinding {
  kind: CheckpointFindingKind;
  message: string;
  /** The seq the finding is about (a checkpoint's, or the first row concerned). */
  seq?: number;
  record_id?: string;
}

export interface CheckpointAuditOptions {
  trusted: TrustedKeys;
  /** Where the chain must start: genesis, the anchor after a purge, or `'first'` for an archive or export. */
  anchor: ChainAnchor | 'first';
  /**
   * `full` (a database, an archive): checkpoints must also be present as often as each promised, and none may lie
   * past the chain's end. `matches` (a possibly filtered export): only signatures and hashes are compared, and gaps
   * in `seq` are accepted. `none`: the hash chain alone (no trusted key was given).
   */
  coverage: 'full' | 'matches' | 'none';
  /** When set (a live database), rows older than the policy's interval plus slack must be covered. */
  now?: Date;
  /** Tolerance for a worker restart, clock skew and the job's own period (default 5 minutes). */
  slackMinutes?: number;
  /** The policy assumed before any checkpoint declares one. */
  defaultPolicy: CheckpointPolicy;
}

export interface CheckpointAuditReport {
  ok: boolean;
  records: number;
  /** Checkpoints whose signed hash equals the recomputed chain's hash at their seq. */
  matched: number;
  /** Trusted checkpoints before the first row walked (their rows were purged: check them in the archives). */
  before_chain: number;
  findings: CheckpointFinding[];
  /** The first row whose own hash or link is wrong, when the chain itself is broken. */
  first_bad_id?: string;
}

const MINUTE_MS = 60_000;
/** Enough to act on; a rewritten history would otherwise report every checkpoint after it. */
const MAX_FINDINGS = 20;

/**
 * Checks one organization's chain against its signed checkpoints while the rows are fed in `seq` order (constant
 * memory besides the checkpoints). Catches what a hash chain alone cannot: a history rewritten with every hash
 * recomputed (a signed hash no longer matches), newest rows removed (a checkpoint lies past the end), checkpoints
 * deleted (a gap longer than the signer promised, or recent rows that none covers), checkpoints forged with a key
 * the verifier does not trust.
 */
export class CheckpointAuditor {
  private readonly walker: ChainWalker;
  private readonly bySeq = new Map<number, SignedCheckpoint>();
  private readonly findings: CheckpointFinding[] = [];
  /** Times of the rows right after each checkpoint (and of the first row): when each uncovered stretch began. */
  private readonly stretchStart = new Map<number, string>();
  private chainBroken = false;
  private firstBadId?: string;
  private first?: AuditRecord;
  private last?: AuditRecord;
  private records = 0;
  private matched = 0;
  private mismatches = 0;

  constructor(
    private readonly organizationId: string,
    checkpoints: Iterable<SignedCheckpoint>,
    private readonly options: CheckpointAuditOptions,
  ) {
    this.walker = new ChainWalker(options.anchor, { allowGaps: options.coverage === 'matches' });
    for (const checkpoint of checkpoints) this.admit(checkpoint);
  }

  /** Checks one row; rows must come in `seq` order. */
  next(record: AuditRecord): void {
    this.records += 1;
    this.first ??= record;
    this.last = record;
    const seq = Number(record.seq);
    if (!this.chainBroken) {
      const reason = this.walker.next(record);
      if (reason) {
        this.chainBroken = true;
        this.firstBadId = record.id;
        this.add({
          kind: 'chain',
          seq,
          record_id: record.id,
          message: `row ${record.id} (seq ${seq}): ${reason}`,
        });
      }
    }
    if (this.records === 1 || this.bySeq.has(seq - 1)) this.stretchStart.set(seq, record.at);
    const checkpoint = this.bySeq.get(seq);
    if (!checkpoint) return;
    if (checkpoint.hash === record.hash) {
      this.matched += 1;
      return;
    }
    this.mismatches += 1;
    if (this.mismatches === 1) this.firstBadId ??= record.id;
    this.add({
      kind: 'mismatch',
      seq,
      record_id: record.id,
      message:
        `checkpoint at seq ${seq} (signed ${checkpoint.created_at} with key ${checkpoint.key_id}) no longer matches: ` +
        `it signed hash ${checkpoint.hash.slice(0, 16)}…, the chain now has ${record.hash.slice(0, 16)}… ` +
        `(history up to seq ${seq} was rewritten)`,
    });
  }

  finish(): CheckpointAuditReport {
    const checkpoints = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    const firstSeq = this.first ? Number(this.first.seq) : this.anchorSeq();
    const lastSeq = this.last ? Number(this.last.seq) : firstSeq - 1;
    const anchor = this.options.anchor;
    let beforeChain = 0;
    for (const checkpoint of checkpoints) {
      if (checkpoint.seq < firstSeq) {
        beforeChain += 1;
        if (anchor !== 'first' && checkpoint.seq === anchor.seq - 1 && checkpoint.hash !== anchor.hash) {
          this.add({
            kind: 'anchor',
            seq: checkpoint.seq,
            message: `checkpoint at seq ${checkpoint.seq} (signed ${checkpoint.created_at}) does not match the hash the chain starts from after the purge (the anchor was changed)`,
          });
        }
      } else if (checkpoint.seq > lastSeq && this.options.coverage === 'full') {
        this.add({
          kind: 'beyond-end',
          seq: checkpoint.seq,
          message: `checkpoint at seq ${checkpoint.seq} (signed ${checkpoint.created_at}) lies past the end of the chain (seq ${lastSeq}): rows after seq ${lastSeq} were removed`,
        });
      }
    }
    if (this.options.coverage === 'full') this.checkCoverage(checkpoints, firstSeq, lastSeq);
    return {
      ok: this.findings.length === 0,
      records: this.records,
      matched: this.matched,
      before_chain: beforeChain,
      findings: this.findings,
      ...(this.firstBadId ? { first_bad_id: this.firstBadId } : {}),
    };
  }

  private admit(checkpoint: SignedCheckpoint): void {
    if (checkpoint.organization_id !== this.organizationId) return;
    const problem = checkpointSignatureProblem(checkpoint, this.options.trusted);
    if (problem) {
      this.add({
        kind: 'untrusted',
        seq: checkpoint.seq,
        message: `checkpoint at seq ${checkpoint.seq} (signed ${checkpoint.created_at}) is not genuine: ${problem}`,
      });
      return;
    }
    const seen = this.bySeq.get(checkpoint.seq);
    if (seen && seen.hash !== checkpoint.hash) {
      this.add({
        kind: 'conflict',
        seq: checkpoint.seq,
        message: `two genuine checkpoints at seq ${checkpoint.seq} sign different hashes (signed ${seen.created_at} and ${checkpoint.created_at}): the chain was forked`,
      });
      return;
    }
    // A sink delivers at least once: the same checkpoint twice is one checkpoint.
    if (!seen) this.bySeq.set(checkpoint.seq, checkpoint);
  }

  /** Checkpoints as often as each one promised, and (on a live database) none of the older rows uncovered. */
  private checkCoverage(checkpoints: SignedCheckpoint[], firstSeq: number, lastSeq: number): void {
    const slackMs = (this.options.slackMinutes ?? 5) * MINUTE_MS;
    for (let i = 1; i < checkpoints.length; i++) {
      const [previous, current] = [checkpoints[i - 1], checkpoints[i]];
      if (current.seq < firstSeq || previous.seq >= lastSeq) continue;
      if (current.seq - previous.seq > current.every_events) {
        this.add({
          kind: 'missing',
          seq: previous.seq + 1,
          message: `no checkpoint between seq ${previous.seq} and seq ${current.seq}: ${current.seq - previous.seq} events apart, where one was due every ${current.every_events} (checkpoints were deleted)`,
        });
        continue;
      }
      const began = this.stretchStart.get(previous.seq + 1);
      if (began === undefined) continue;
      const waited = Date.parse(current.created_at) - Date.parse(began);
      if (waited > current.every_minutes * MINUTE_MS + slackMs) {
        this.add({
          kind: 'missing',
          seq: previous.seq + 1,
          message: `no checkpoint between seq ${previous.seq} and seq ${current.seq} for ${minutes(waited)} minutes, where one was due every ${current.every_minutes} (checkpoints were deleted, or the worker was not signing)`,
        });
      }
    }
    const now = this.options.now;
    if (!now || lastSeq < firstSeq) return;
    const newest = checkpoints.at(-1);
    if (newest && newest.seq >= lastSeq) return;
    const uncoveredFrom = newest && newest.seq >= firstSeq - 1 ? newest.seq + 1 : firstSeq;
    const began = this.stretchStart.get(uncoveredFrom);
    if (began === undefined) return;
    const policy = newest ?? this.options.defaultPolicy;
    const waited = now.getTime() - Date.parse(began);
    if (waited <= policy.every_minutes * MINUTE_MS + slackMs) return;
    this.add({
      kind: 'missing',
      seq: uncoveredFrom,
      message: newest
        ? `no checkpoint covers seq ${uncoveredFrom}–${lastSeq}, the oldest of them ${minutes(waited)} minutes old; the newest checkpoint is seq ${newest.seq}, signed ${newest.created_at} (newer checkpoints were deleted, or the worker stopped signing)`
        : `no checkpoint covers seq ${uncoveredFrom}–${lastSeq}, the oldest of them ${minutes(waited)} minutes old (no checkpoint exists: is AUDIT_SIGNING_KEY set on the worker?)`,
    });
  }

  private anchorSeq(): number {
    return this.options.anchor === 'first' ? 1 : this.options.anchor.seq;
  }

  private add(finding: CheckpointFinding): void {
    if (this.findings.length < MAX_FINDINGS) this.findings.push(finding);
  }
}

function minutes(ms: number): number {
  return Math.round(ms / MINUTE_MS);
}
