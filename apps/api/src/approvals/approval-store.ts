import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appendAuditRecords } from '@gw/audit-chain';
import { auditRecordOf, type AuditEventInput } from '@gw/audit-recorder';
import { ApprovalEntity, type ApprovalDecision } from '@gw/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** A new request as the gate makes it; the store sets its state, decisions and times. */
export type NewApproval = Omit<
  ApprovalEntity,
  'state' | 'decisions' | 'comment' | 'result' | 'decidedAt' | 'executedAt' | 'createdAt' | 'updatedAt'
>;

/** An audit event whose organization the request it is about names. */
export type ApprovalAuditEvent = AuditEventInput & { organizationId: string };

/**
 * The approvals table. Every change of state is one conditional UPDATE, committed with its audit row in the same
 * transaction: a request leaves `pending` once, so two approvers racing (or an approval racing the expiry) cannot
 * both win, and no change is ever without its row.
 */
@Injectable()
export class ApprovalStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  byId(id: string): Promise<ApprovalEntity | null> {
    return this.dataSource.getRepository(ApprovalEntity).findOneBy({ id });
  }

  /** Stores a pending request with its `approval.requested` row. */
  request(approval: NewApproval, audit: ApprovalAuditEvent): Promise<ApprovalEntity> {
    return this.dataSource.transaction(async (tx) => {
      const row: ApprovalEntity = {
        ...approval,
        state: 'pending',
        decisions: [],
        comment: null,
        result: null,
        decidedAt: null,
        executedAt: null,
        // Whole milliseconds, so the inbox's cursor (a JavaScript date) finds the row exactly.
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      // TypeORM's insert type cannot follow the jsonb columns' `unknown` values; the row is a whole entity.
      await tx.getRepository(ApprovalEntity).insert(row as QueryDeepPartialEntity<ApprovalEntity>);
      await appendAuditRecords(tx, [auditRecordOf(audit)]);
      return tx.getRepository(ApprovalEntity).findOneByOrFail({ id: approval.id });
    });
  }

  /**
   * Adds an approval while the request is pending, unexpired and not yet approved by this person; the request
   * becomes `approved` with the approval that completes its count. Null when it was not pending any more (or the
   * person had already approved).
   */
  approve(id: string, decision: ApprovalDecision, audit: ApprovalAuditEvent): Promise<ApprovalEntity | null> {
    return this.change(
      `UPDATE approvals
          SET decisions = decisions || $2::jsonb,
              state = CASE WHEN jsonb_array_length(decisions) + 1 >= approvals_required THEN 'approved' ELSE 'pending' END,
              decided_at = CASE WHEN jsonb_array_length(decisions) + 1 >= approvals_required THEN now() ELSE NULL END,
              comment = COALESCE($3, comment),
              updated_at = now()
        WHERE id = $1 AND state = 'pending' AND expires_at > now()
          AND NOT decisions @> jsonb_build_array(jsonb_build_object('user_id', $4::text))
        RETURNING id`,
      [id, JSON.stringify([decision]), decision.comment, decision.user_id],
      audit,
    );
  }

  /** Rejects a pending, unexpired request with the approver's comment. */
  reject(id: string, decision: ApprovalDecision, audit: ApprovalAuditEvent): Promise<ApprovalEntity | null> {
    return this.change(
      `UPDATE approvals
          SET decisions = decisions || $2::jsonb, state = 'rejected', comment = $3, decided_at = now(),
              updated_at = now()
        WHERE id = $1 AND state = 'pending' AND expires_at > now()
        RETURNING id`,
      [id, JSON.stringify([decision]), decision.comment],
      audit,
    );
  }

  /** Its requester takes a pending request back (`tasks/cancel`): it ends rejected, with why. */
  withdraw(id: string, comment: string, audit: ApprovalAuditEvent | null): Promise<ApprovalEntity | null> {
    return this.change(
      `UPDATE approvals SET state = 'rejected', comment = $2, decided_at = now(), updated_at = now()
        WHERE id = $1 AND state = 'pending' AND expires_at > now()
        RETURNING id`,
      [id, comment],
      audit,
    );
  }

  /** An approved call that could not be queued: it ends with the failure as its result, so nobody waits for it. */
  notQueued(id: string, envelope: Record<string, unknown>): Promise<ApprovalEntity | null> {
    return this.change(
      `UPDATE approvals SET state = 'executed', result = $2::jsonb, executed_at = now(), updated_at = now()
        WHERE id = $1 AND state = 'approved'
        RETURNING id`,
      [id, JSON.stringify(envelope)],
      null,
    );
  }

  private change(
    sql: string,
    params: unknown[],
    audit: ApprovalAuditEvent | null,
  ): Promise<ApprovalEntity | null> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      const [rows] = (await tx.query(sql, params)) as [{ id: string }[], number];
      if (rows.length === 0) return null;
      if (audit) await appendAuditRecords(tx, [auditRecordOf(audit)]);
      return tx.getRepository(ApprovalEntity).findOneByOrFail({ id: rows[0].id });
    });
  }
}
