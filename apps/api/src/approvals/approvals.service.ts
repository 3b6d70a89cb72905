import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApprovalEntity, approvalStateAt, McpServerEntity, UserEntity, type ApprovalDecision } from '@gw/db';
import type { Envelope } from '@gw/mcp-tools';
import { In, Repository, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import { EnqueueUncertain, RetryQueue } from '../retry/retry-queue.service';
import { TeamsService } from '../teams/teams.service';
import { toApprovalDto } from './approval.mapper';
import { ApprovalStore, type ApprovalAuditEvent } from './approval-store';
import { whyNotDecide, type Decider } from './approver-rules';
import type { ApprovalDto, ApprovalListDto, ApprovalsSummaryDto } from './dto/approval.dto';
import type { ApproveApprovalDto, RejectApprovalDto } from './dto/decide-approval.dto';
import type { ListApprovalsQueryDto } from './dto/list-approvals.query.dto';

/** The audit row of a decision, written in the transaction that makes it (so it precedes the call's execution). */
export interface DecisionAudit {
  /** Names the request's server on the decision's row, and on the row of a refused one. */
  about(serverId: string): void;
  event(): ApprovalAuditEvent;
  /** The row was committed with the decision: no other is written for the request. */
  committed(): void;
}

type ServerFacts = Pick<McpServerEntity, 'id' | 'name' | 'createdByUserId'>;

// How many pending requests the summary weighs one by one for `pending_for_me`.
const SUMMARY_SCAN = 1000;

/**
 * The approvals REST API. Owners, admins and auditors see every request of the organization; a member sees those of
 * its teams' servers and those it was named to decide. Who may decide is `whyNotDecide`; the change itself is one
 * conditional UPDATE in `ApprovalStore`, and a request that reaches its approvals is queued as the `tool-call` job
 * whose id is the request's, carrying the exact stored call and its hash.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectRepository(ApprovalEntity) private readonly approvals: Repository<ApprovalEntity>,
    @InjectRepository(McpServerEntity) private readonly servers: Repository<McpServerEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly store: ApprovalStore,
    private readonly teams: TeamsService,
    private readonly retryQueue: RetryQueue,
  ) {}

  async list(principal: Principal, query: ListApprovalsQueryDto): Promise<ApprovalListDto> {
    const limit = query.limit ?? 50;
    const decider = await this.deciderOf(principal);
    const qb = this.visible(principal, decider);
    if (query.state) whereState(qb, query.state);
    if (query.server_id) qb.andWhere('a.server_id = :serverId', { serverId: query.server_id });
    if (query.team_id) qb.andWhere('a.team_id = :teamId', { teamId: query.team_id });
    if (query.tool) qb.andWhere('a.tool = :tool', { tool: query.tool });
    if (query.cursor) {
      const after = readCursor(query.cursor);
      qb.andWhere('(a.created_at, a.id) < (:at, :id)', after);
    }
    const rows = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const items = await this.toDtos(page, decider);
    const last = page[page.length - 1];
    return { items, next_cursor: rows.length > limit && last ? cursorOf(last) : null };
  }

  async summary(principal: Principal): Promise<ApprovalsSummaryDto> {
    const decider = await this.deciderOf(principal);
    // Only what the decision rules read: the count is asked every few seconds by each open console.
    const pending = await whereState(this.visible(principal, decider), 'pending')
      .select(['a.id', 'a.serverId', 'a.requesterUserId', 'a.approvers', 'a.decisions'])
      .orderBy('a.created_at', 'DESC')
      .take(SUMMARY_SCAN)
      .getMany();
    const servers = await this.serversOf(pending);
    const mine = pending.filter(
      (a) => whyNotDecide(decider, requestOf(a, servers.get(a.serverId))) === null,
    ).length;
    return { pending: pending.length, pending_for_me: mine };
  }

  async get(principal: Principal, id: string): Promise<ApprovalDto> {
    const decider = await this.deciderOf(principal);
    return (await this.toDtos([await this.findVisible(principal, decider, id)], decider))[0];
  }

  async approve(
    principal: Principal,
    id: string,
    body: ApproveApprovalDto,
    audit: DecisionAudit,
  ): Promise<ApprovalDto> {
    const { decider, server } = await this.decidable(principal, id, audit);
    const decision = await this.decision(principal, 'approve', body.comment ?? null);
    const updated = await this.store.approve(id, decision, audit.event());
    if (!updated) throw await this.noLongerPending(id);
    audit.committed();
    if (updated.state === 'approved') await this.carryOut(updated);
    return this.dtoOf((await this.store.byId(id)) ?? updated, server, decider);
  }

  async reject(
    principal: Principal,
    id: string,
    body: RejectApprovalDto,
    audit: DecisionAudit,
  ): Promise<ApprovalDto> {
    const { decider, server } = await this.decidable(principal, id, audit);
    const decision = await this.decision(principal, 'reject', body.comment.trim());
    const updated = await this.store.reject(id, decision, audit.event());
    if (!updated) throw await this.noLongerPending(id);
    audit.committed();
    return this.dtoOf(updated, server, decider);
  }

  /** The request, if the principal may decide it now: 404 when unseen, 403 when not theirs to decide, 409 when over. */
  private async decidable(principal: Principal, id: string, audit: DecisionAudit) {
    const decider = await this.deciderOf(principal);
    const approval = await this.findVisible(principal, decider, id);
    audit.about(approval.serverId);
    const server = (await this.serversOf([approval])).get(approval.serverId);
    const why = whyNotDecide(decider, requestOf(approval, server));
    if (why) throw new ForbiddenException(why);
    const state = approvalStateAt(approval, Date.now());
    if (state !== 'pending')
      throw new ConflictException(`This request is ${state}; it can no longer be decided.`);
    return { approval, decider, server };
  }

  /**
   * Queues the exact stored call as the job whose id is the request's. If the queue refuses it for sure, the request
   * ends with that failure as its result rather than staying approved with nothing to run it.
   */
  private async carryOut(approval: ApprovalEntity): Promise<void> {
    try {
      await this.retryQueue.enqueue(approval.id, {
        organization_id: approval.organizationId,
        server_id: approval.serverId,
        team_id: approval.teamId,
        tool: approval.tool,
        arguments: approval.arguments,
        origin: approval.origin,
        queued_at: Date.now(),
        reason: 'approved',
        journal: { reads: [], writes: [] },
        approval: { id: approval.id, call_hash: approval.callHash },
      });
    } catch (error) {
      // The add may still land: the worker then runs it, and marks the request executed.
      if (error instanceof EnqueueUncertain) return;
      const envelope: Envelope = {
        ok: false,
        result: null,
        issues: [
          {
            code: 'UPSTREAM_ERROR',
            message:
              'The call was approved, but the retry queue was unavailable, so it did not run. Nothing was ' +
              'changed; make the call again to ask anew.',
          },
        ],
      };
      await this.store.notQueued(approval.id, envelope as unknown as Record<string, unknown>);
      throw new ServiceUnavailableException(
        `Approved, but the retry queue is unreachable, so the call did not run: ${(error as Error).message}`,
      );
    }
  }

  private async decision(
    principal: Principal,
    decision: ApprovalDecision['decision'],
    comment: string | null,
  ): Promise<ApprovalDecision> {
    const user = await this.users.findOneByOrFail({ id: principal.userId as string });
    return { user_id: user.id, email: user.email, decision, comment, at: new Date().toISOString() };
  }

  /** Why a conditional change found nothing to change: the request moved on (or this person already approved). */
  private async noLongerPending(id: string): Promise<ConflictException> {
    const now = await this.store.byId(id);
    const state = now ? approvalStateAt(now, Date.now()) : 'gone';
    return new ConflictException(
      state === 'pending'
        ? 'You already approved this call; a second approval must come from someone else.'
        : `This request is ${state}; it can no longer be decided.`,
    );
  }

  private async deciderOf(principal: Principal): Promise<Decider> {
    return {
      userId: principal.userId,
      role: principal.role,
      teamIds: principal.userId ? await this.teams.teamIdsOf(principal.userId) : [],
    };
  }

  private visible(principal: Principal, decider: Decider): SelectQueryBuilder<ApprovalEntity> {
    const qb = this.approvals
      .createQueryBuilder('a')
      .where('a.organization_id = :organizationId', { organizationId: principal.organizationId });
    if (principal.role !== 'member') return qb;
    const teams = decider.teamIds.length > 0 ? decider.teamIds : ['00000000-0000-0000-0000-000000000000'];
    return qb.andWhere(
      `(a.team_id IN (:...teams) OR a.approvers->>'team_id' IN (:...teams)
        OR COALESCE(a.approvers->'user_ids', '[]'::jsonb) @> jsonb_build_array(CAST(:me AS text)))`,
      { teams, me: decider.userId ?? '' },
    );
  }

  private async findVisible(principal: Principal, decider: Decider, id: string): Promise<ApprovalEntity> {
    const approval = await this.visible(principal, decider).andWhere('a.id = :id', { id }).getOne();
    if (!approval) throw new NotFoundException('No such approval request');
    return approval;
  }

  private async serversOf(approvals: readonly ApprovalEntity[]): Promise<Map<string, ServerFacts>> {
    const ids = [...new Set(approvals.map((a) => a.serverId))];
    const rows = ids.length
      ? await this.servers.find({
          select: { id: true, name: true, createdByUserId: true },
          where: { id: In(ids) },
        })
      : [];
    return new Map(rows.map((s) => [s.id, s]));
  }

  private async toDtos(approvals: ApprovalEntity[], decider: Decider): Promise<ApprovalDto[]> {
    const servers = await this.serversOf(approvals);
    return approvals.map((a) => this.dtoOf(a, servers.get(a.serverId), decider));
  }

  private dtoOf(approval: ApprovalEntity, server: ServerFacts | undefined, decider: Decider): ApprovalDto {
    return toApprovalDto(
      approval,
      { id: approval.serverId, name: server?.name ?? '(deleted server)' },
      whyNotDecide(decider, requestOf(approval, server)),
    );
  }
}

function requestOf(approval: ApprovalEntity, server: ServerFacts | undefined) {
  return {
    requesterUserId: approval.requesterUserId,
    serverCreatorUserId: server?.createdByUserId ?? null,
    approvers: approval.approvers,
    decisions: approval.decisions,
  };
}

/** A pending request past its expiry is expired, whether or not the expiry job has marked it yet. */
function whereState(
  qb: SelectQueryBuilder<ApprovalEntity>,
  state: ApprovalEntity['state'],
): SelectQueryBuilder<ApprovalEntity> {
  if (state === 'pending') return qb.andWhere(`a.state = 'pending' AND a.expires_at > now()`);
  if (state === 'expired') {
    return qb.andWhere(`(a.state = 'expired' OR (a.state = 'pending' AND a.expires_at <= now()))`);
  }
  return qb.andWhere('a.state = :state', { state });
}

function cursorOf(approval: ApprovalEntity): string {
  return Buffer.from(`${approval.createdAt.toISOString()}|${approval.id}`).toString('base64url');
}

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|([0-9a-f-]{36})$/;

function readCursor(cursor: string): { at: Date; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestException(['cursor must be the next_cursor of a previous page']);
  return { at: new Date(match[1]), id: match[2] };
}
