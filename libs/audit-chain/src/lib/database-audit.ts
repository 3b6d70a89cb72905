import type { SqlExecutor } from './append-records';
import { chainRecords } from './chain-records';
import type { CheckpointPolicy, SignedCheckpoint, TrustedKeys } from './checkpoint';
import { CheckpointAuditor, type CheckpointAuditReport } from './checkpoint-auditor';
import { CheckpointStore } from './checkpoint-store';
import { GENESIS_ANCHOR } from './verify-chain';

export interface DatabaseAuditOptions {
  trusted: TrustedKeys;
  defaultPolicy: CheckpointPolicy;
  slackMinutes?: number;
  /** Checkpoints from outside the database (a SIEM's copy), checked as well as the stored ones. */
  external?: readonly SignedCheckpoint[];
  /** Ignore the `audit_checkpoints` table (verify against the external copy alone). */
  ignoreStored?: boolean;
  /** `none`: the hash chain alone, when no trusted key was given (default `full`). */
  coverage?: 'full' | 'none';
  now?: Date;
}

export interface DatabaseAuditReport extends CheckpointAuditReport {
  organization_id: string;
  /** Signed checkpoints the check used (stored and external, before de-duplication). */
  checkpoints: number;
}

/** Organizations that have an audit chain, in a stable order. */
export async function auditedOrganizations(db: SqlExecutor): Promise<string[]> {
  const rows = (await db.query('SELECT organization_id FROM audit_chains ORDER BY organization_id')) as {
    organization_id: string;
  }[];
  return rows.map((r) => r.organization_id);
}

/**
 * Walks one organization's chain in the database from its anchor, page by page, against its signed checkpoints,
 * and checks the chain ends at its recorded head. A database rewritten by someone who also recomputed every hash
 * (and moved the head) passes the hash chain but not the checkpoints.
 */
export async function auditDatabaseChain(
  db: SqlExecutor,
  organizationId: string,
  options: DatabaseAuditOptions,
): Promise<DatabaseAuditReport> {
  const [head] = (await db.query(
    'SELECT anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1',
    [organizationId],
  )) as { anchor_seq: string; anchor_hash: string }[];
  const chainOnly = options.coverage === 'none';
  const stored =
    options.ignoreStored || chainOnly
      ? []
      : await new CheckpointStore(db).after(organizationId, 0, Number.MAX_SAFE_INTEGER);
  const checkpoints = chainOnly ? [] : [...stored, ...(options.external ?? [])];
  const anchor = head ? { seq: Number(head.anchor_seq), hash: head.anchor_hash } : GENESIS_ANCHOR;
  const auditor = new CheckpointAuditor(organizationId, checkpoints, {
    trusted: options.trusted,
    anchor,
    coverage: chainOnly ? 'none' : 'full',
    now: options.now ?? new Date(),
    slackMinutes: options.slackMinutes,
    defaultPolicy: options.defaultPolicy,
  });
  let last: { seq: number; hash: string } | undefined;
  for await (const record of chainRecords(db, organizationId, anchor.seq - 1)) {
    auditor.next(record);
    last = { seq: record.seq, hash: record.hash };
  }
  const report = auditor.finish();
  // Read after the walk: rows appended meanwhile only move the head past the last row read, so a head behind it,
  // or another hash at the head's own seq, means rows were added or changed past the head.
  const [end] = (await db.query('SELECT last_seq, last_hash FROM audit_chains WHERE organization_id = $1', [
    organizationId,
  ])) as { last_seq: string; last_hash: string }[];
  if (end && last) {
    const headSeq = Number(end.last_seq);
    if (headSeq < last.seq || (headSeq === last.seq && end.last_hash !== last.hash)) {
      report.findings.push({
        kind: 'chain',
        seq: headSeq,
        message: `the chain's head says seq ${headSeq}, but the rows go on to seq ${last.seq} or differ there (rows were added or changed past the head)`,
      });
      report.ok = false;
    }
  }
  return { ...report, organization_id: organizationId, checkpoints: checkpoints.length };
}
