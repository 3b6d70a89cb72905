import { Inject, Injectable } from '@nestjs/common';
import {
  appendAuditRecords,
  ChainWalker,
  toAuditRecord,
  type AuditEventRow,
  type ChainAnchor,
} from '@gw/audit-chain';
import { AuditConfig } from '@gw/config';
import { GatewayMetrics } from '@gw/metrics';
import type { JobPayload, JobResult } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';
import { WORKER_LOGGER, type createWorkerLogger } from '../../jobs/worker-logger';
import { AuditArchiver, type ArchivedRange } from '../archive/audit-archiver';

/** Rows deleted per transaction: each batch holds its organization's chain head only briefly. */
export const RETENTION_BATCH = 2000;
const ATTEMPT_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;
/** Events per archive file at most: a first purge of a long history makes several files, none of them huge. */
export const ARCHIVE_MAX_EVENTS = 250_000;

interface Organization {
  id: string;
  audit_retention_days: number;
}

/**
 * Deletes each organization's audit events older than its retention period, oldest first and in batches. The rows
 * go in `seq` order from the start of the chain, and the chain's anchor moves to the first kept row in the same
 * transaction, so what remains verifies from its anchor. Before a batch is deleted it is checked against the chain:
 * retention never destroys the evidence of a tampered row (the job fails instead, and the break stays visible).
 * Each purge that removed rows is itself recorded as `audit.purge`. Rows younger than `AUDIT_RETENTION_MIN_DAYS`
 * are kept whatever period the database holds: a row written there directly must not erase the history.
 *
 * With an archive target (`AUDIT_ARCHIVE_DIR` or `AUDIT_ARCHIVE_S3_URL`), each range is first written to an archive
 * and read back, and only then deleted; a range ends at the newest signed checkpoint within it when there is one,
 * so an archive carries the checkpoint that vouches for its last row. When archiving fails nothing of that range is
 * deleted, the failure is recorded as an `audit.purge` event with outcome `error`, logged and counted
 * (`gateway_audit_archives_total{outcome="failed"}`), and the job fails.
 */
@Injectable()
export class AuditRetentionJob implements JobProcessor<'audit-retention'> {
  readonly name = 'audit-retention' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditConfig,
    private readonly archiver: AuditArchiver,
    private readonly metrics: GatewayMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: ReturnType<typeof createWorkerLogger>,
  ) {}

  async process(payload: JobPayload<'audit-retention'>): Promise<JobResult<'audit-retention'>> {
    const organizations = (await this.dataSource.query(
      payload.organization_id
        ? 'SELECT id, audit_retention_days FROM organizations WHERE id = $1'
        : 'SELECT id, audit_retention_days FROM organizations ORDER BY created_at',
      payload.organization_id ? [payload.organization_id] : [],
    )) as Organization[];
    let purged = 0;
    const failures: string[] = [];
    for (const organization of organizations) {
      // One organization's broken chain must not keep the others' old rows forever.
      try {
        purged += await this.purge(organization, payload.requested_by);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
    return { organizations: organizations.length, purged };
  }

  private async purge(organization: Organization, requestedBy: string | undefined): Promise<number> {
    const retentionDays = Math.max(organization.audit_retention_days, this.audit.retentionMinDays);
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    let purged = 0;
    let anchor: ChainAnchor | undefined;
    const archives: ArchivedRange[] = [];
    let failure: string | undefined;
    const deleteUpTo = async (upTo?: { seq: number; hash: string }) => {
      for (;;) {
        const batch = await this.dataSource.transaction((tx) =>
          this.purgeBatch(tx, organization.id, cutoff, upTo),
        );
        if (!batch) break;
        purged += batch.deleted;
        anchor = batch.anchor;
        if (!batch.more) break;
      }
    };
    if (!this.archiver.enabled) {
      await deleteUpTo();
    } else {
      for (;;) {
        const range = await this.nextArchiveRange(organization.id, cutoff);
        if (!range) break;
        let archived: ArchivedRange;
        try {
          archived = await this.archiver.archive(organization.id, range.anchor, range.lastSeq);
        } catch (error) {
          this.metrics.auditArchives.inc({ outcome: 'failed' });
          failure = `archiving audit events ${range.anchor.seq}–${range.lastSeq} of organization ${organization.id} failed, so they were not purged: ${(error as Error).message}`;
          this.logger.error({ organization_id: organization.id, err: (error as Error).message }, failure);
          break;
        }
        this.metrics.auditArchives.inc({ outcome: 'written' });
        archives.push(archived);
        await deleteUpTo({ seq: archived.last_seq, hash: archived.last_hash });
        if (anchor?.seq !== archived.last_seq + 1) break;
      }
    }
    if (purged > 0 || failure) {
      await this.recordPurge(organization.id, requestedBy, {
        purged,
        retention_days: retentionDays,
        before: cutoff.toISOString(),
        anchor_seq: anchor?.seq ?? null,
        ...(this.archiver.enabled
          ? {
              archives: archives.map((a) => ({
                location: a.location,
                first_seq: a.first_seq,
                last_seq: a.last_seq,
                sha256: a.sha256,
                bytes: a.bytes,
              })),
            }
          : {}),
        ...(failure ? { error: failure } : {}),
      });
    }
    if (failure) throw new Error(failure);
    return purged;
  }

  /**
   * The next range to archive: from the anchor up to the last row before the cutoff (at most `ARCHIVE_MAX_EVENTS`),
   * ending at the newest checkpoint within it; null when nothing is due yet.
   */
  private async nextArchiveRange(
    organizationId: string,
    cutoff: Date,
  ): Promise<{ anchor: ChainAnchor; lastSeq: number } | null> {
    const [chain] = (await this.dataSource.query(
      'SELECT anchor_seq, anchor_hash, last_seq FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    )) as { anchor_seq: string; anchor_hash: string; last_seq: string }[];
    if (!chain) return null;
    const anchor = { seq: Number(chain.anchor_seq), hash: chain.anchor_hash };
    // `at` never goes back within a chain, so the first recent row by time is the first by seq.
    const [recent] = (await this.dataSource.query(
      'SELECT seq FROM audit_events WHERE organization_id = $1 AND at >= $2 ORDER BY at ASC, seq ASC LIMIT 1',
      [organizationId, cutoff],
    )) as { seq: string }[];
    const end = Math.min(
      recent ? Number(recent.seq) - 1 : Number(chain.last_seq),
      await sinkFloor(this.dataSource, organizationId),
    );
    const capped = Math.min(end, anchor.seq + ARCHIVE_MAX_EVENTS - 1);
    if (capped < anchor.seq) return null;
    const [inRange] = (await this.dataSource.query(
      'SELECT max(seq) AS seq FROM audit_checkpoints WHERE organization_id = $1 AND seq >= $2 AND seq <= $3',
      [organizationId, anchor.seq, capped],
    )) as { seq: string | null }[];
    if (inRange?.seq) return { anchor, lastSeq: Number(inRange.seq) };
    const [later] = (await this.dataSource.query(
      'SELECT min(seq) AS seq FROM audit_checkpoints WHERE organization_id = $1 AND seq > $2',
      [organizationId, capped],
    )) as { seq: string | null }[];
    // Without signing, any range. With it, rows past the last checkpoint wait until the next one is past retention
    // too, so no archive ends on rows that no signature in it vouches for.
    if (!later?.seq) return { anchor, lastSeq: capped };
    const next = Number(later.seq);
    return next <= end ? { anchor, lastSeq: next } : null;
  }

  private recordPurge(
    organizationId: string,
    requestedBy: string | undefined,
    details: Record<string, unknown> & { error?: string },
  ): Promise<unknown> {
    return this.dataSource.transaction((tx) =>
      appendAuditRecords(tx, [
        {
          id: randomUUID(),
          at: new Date().toISOString(),
          organization_id: organizationId,
          server_id: null,
          team_id: null,
          actor: requestedBy ?? 'system:audit-retention',
          client_name: null,
          client_version: null,
          session_id: null,
          ip: null,
          user_agent: null,
          action: 'audit.purge',
          tool: null,
          arguments: details,
          outcome: details.error ? 'error' : 'ok',
          issue_codes: details.error ? ['ARCHIVE_FAILED'] : [],
          upstream_status: null,
          duration_ms: null,
          job_id: null,
          request_id: null,
        },
      ]),
    );
  }

  /** One batch: the oldest rows from the anchor on that are past the cutoff, up to the first row that is not. */
  private async purgeBatch(
    tx: EntityManager,
    organizationId: string,
    cutoff: Date,
    upTo?: { seq: number; hash: string },
  ): Promise<{ deleted: number; anchor: ChainAnchor; more: boolean } | null> {
    await tx.query(`SET LOCAL statement_timeout = ${ATTEMPT_TIMEOUT_MS}`);
    // Locking the head orders this batch with appends and with any other retention run.
    const [head] = (await tx.query(
      'SELECT anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1 FOR UPDATE',
      [organizationId],
    )) as { anchor_seq: string; anchor_hash: string }[];
    if (!head) return null;
    const rows = (await tx.query(
      `SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY seq ASC LIMIT ${RETENTION_BATCH}`,
      [organizationId],
    )) as AuditEventRow[];
    const floor = await sinkFloor(tx, organizationId);
    const walker = new ChainWalker({ seq: Number(head.anchor_seq), hash: head.anchor_hash });
    let last: AuditEventRow | undefined;
    for (const row of rows) {
      if (row.at >= cutoff || (upTo && Number(row.seq) > upTo.seq) || Number(row.seq) > floor) break;
      const reason = walker.next(toAuditRecord(row));
      if (reason) {
        throw new Error(
          `audit chain of organization ${organizationId} is broken at ${row.id} (${reason}); nothing past it is purged`,
        );
      }
      if (upTo && Number(row.seq) === upTo.seq && row.hash !== upTo.hash) {
        throw new Error(
          `audit row ${row.id} of organization ${organizationId} changed after it was archived; nothing past it is purged`,
        );
      }
      last = row;
    }
    if (!last) return null;
    const [{ deleted }] = (await tx.query(
      `WITH gone AS (DELETE FROM audit_events WHERE organization_id = $1 AND seq <= $2 RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [organizationId, last.seq],
    )) as { deleted: number }[];
    const anchor = { seq: Number(last.seq) + 1, hash: last.hash };
    await tx.query('UPDATE audit_chains SET anchor_seq = $2, anchor_hash = $3 WHERE organization_id = $1', [
      organizationId,
      anchor.seq,
      anchor.hash,
    ]);
    const more = rows.length === RETENTION_BATCH && last === rows.at(-1) && (!upTo || anchor.seq <= upTo.seq);
    return { deleted, anchor, more };
  }
}

/**
 * The newest seq every audit sink of the organization (running or paused) has acknowledged: an event past it stays,
 * and is not archived either, until the sinks have it, so the SIEM gets no gap. Infinity without sinks.
 */
async function sinkFloor(db: Pick<EntityManager, 'query'>, organizationId: string): Promise<number> {
  const [sinks] = (await db.query(
    'SELECT min(cursor_seq) AS floor FROM audit_sinks WHERE organization_id = $1',
    [organizationId],
  )) as { floor: string | null }[];
  return sinks?.floor === null || sinks?.floor === undefined ? Infinity : Number(sinks.floor);
}
