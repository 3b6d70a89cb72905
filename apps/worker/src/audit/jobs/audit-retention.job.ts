import { Injectable } from '@nestjs/common';
import {
  appendAuditRecords,
  ChainWalker,
  toAuditRecord,
  type AuditEventRow,
  type ChainAnchor,
} from '@gw/audit-chain';
import { AuditConfig } from '@gw/config';
import type { JobPayload, JobResult } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/** Rows deleted per transaction: each batch holds its organization's chain head only briefly. */
export const RETENTION_BATCH = 2000;
const ATTEMPT_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;

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
 */
@Injectable()
export class AuditRetentionJob implements JobProcessor<'audit-retention'> {
  readonly name = 'audit-retention' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditConfig,
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
    for (;;) {
      const batch = await this.dataSource.transaction((tx) => this.purgeBatch(tx, organization.id, cutoff));
      if (!batch) break;
      purged += batch.deleted;
      anchor = batch.anchor;
      if (!batch.more) break;
    }
    if (purged > 0) {
      await this.dataSource.transaction((tx) =>
        appendAuditRecords(tx, [
          {
            id: randomUUID(),
            at: new Date().toISOString(),
            organization_id: organization.id,
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
            arguments: {
              purged,
              retention_days: retentionDays,
              before: cutoff.toISOString(),
              anchor_seq: anchor?.seq ?? null,
            },
            outcome: 'ok',
            issue_codes: [],
            upstream_status: null,
            duration_ms: null,
            job_id: null,
            request_id: null,
          },
        ]),
      );
    }
    return purged;
  }

  /** One batch: the oldest rows from the anchor on that are past the cutoff, up to the first row that is not. */
  private async purgeBatch(
    tx: EntityManager,
    organizationId: string,
    cutoff: Date,
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
    // An event an audit sink (running or paused) has not acknowledged stays until it has: the SIEM gets no gap.
    const [sinks] = (await tx.query(
      'SELECT min(cursor_seq) AS floor FROM audit_sinks WHERE organization_id = $1',
      [organizationId],
    )) as { floor: string | null }[];
    const sinkFloor = sinks?.floor === null || sinks?.floor === undefined ? Infinity : Number(sinks.floor);
    const walker = new ChainWalker({ seq: Number(head.anchor_seq), hash: head.anchor_hash });
    let last: AuditEventRow | undefined;
    for (const row of rows) {
      if (row.at >= cutoff || Number(row.seq) > sinkFloor) break;
      const reason = walker.next(toAuditRecord(row));
      if (reason) {
        throw new Error(
          `audit chain of organization ${organizationId} is broken at ${row.id} (${reason}); nothing past it is purged`,
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
    return { deleted, anchor, more: rows.length === RETENTION_BATCH && last === rows.at(-1) };
  }
}
