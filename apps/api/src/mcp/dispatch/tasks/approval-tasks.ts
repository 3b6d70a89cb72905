import { Injectable } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import { approvalStateAt, type ApprovalEntity } from '@gw/db';
import { toCallToolResult, type Envelope } from '@gw/mcp-tools';
import { endedWithoutRunning, FollowedApprovals } from '../../execution/followed-approvals.service';
import { type CallFollower, QueuedCalls } from '../../execution/queued-calls.service';
import { getTaskResult, type Task } from './task-wire';

/** The agent learns a decision within a second of it: its client polls that often while a person decides. */
const POLL_MS = 1000;

/** What became of a `tasks/cancel` on a request: taken back while pending, or the cancel of its queued call. */
export type ApprovalCancel = 'withdrawn' | 'cancelled' | 'requested' | 'written' | 'finished';

/**
 * A call held for approval as a task of the 2026-07-28 tasks extension, under the request's id (which the job that
 * runs it takes once approved): `working` with the approval page while a person decides, then the queued call's own
 * task (same id), or `completed` with the rejection or expiry as the call's error result. `tasks/cancel` on a
 * pending request withdraws it: it ends `rejected`, withdrawn by its requester.
 */
@Injectable()
export class ApprovalTasks {
  constructor(
    private readonly approvals: FollowedApprovals,
    private readonly calls: QueuedCalls,
    private readonly app: AppConfig,
  ) {}

  /** The answer to the `tools/call` that was held; null when it cannot be read (the caller answers the envelope). */
  async created(follower: CallFollower, approvalId: string) {
    const approval = await this.approvals.find(follower, approvalId).catch(() => null);
    return approval && { resultType: 'task' as const, ...this.taskOf(approval) };
  }

  /** `tasks/get`: null when the id is none of the follower's requests (it may still be a queued call). */
  async get(follower: CallFollower, taskId: string) {
    const approval = await this.approvals.find(follower, taskId);
    if (!approval) return null;
    if (approvalStateAt(approval, Date.now()) === 'approved') {
      const call = await this.calls.find(follower, taskId);
      if (call) return { tool: approval.tool, result: getTaskResult(call) };
    }
    const task = this.taskOf(approval);
    const outcome =
      approval.state === 'executed' ? (approval.result as Envelope | null) : endedWithoutRunning(approval);
    return {
      tool: approval.tool,
      result:
        task.status === 'completed' && outcome
          ? {
              resultType: 'complete' as const,
              ...task,
              result: { resultType: 'complete' as const, ...toCallToolResult(outcome) },
            }
          : { resultType: 'complete' as const, ...task },
    };
  }

  /** `tasks/cancel`: null when the id is none of the follower's requests. */
  async cancel(
    follower: CallFollower,
    taskId: string,
  ): Promise<{ tool: string; outcome: ApprovalCancel } | null> {
    const approval = await this.approvals.find(follower, taskId);
    if (!approval) return null;
    let state = approvalStateAt(approval, Date.now());
    if (state === 'pending') {
      const taken = await this.approvals.withdraw(follower, taskId);
      if (taken?.withdrawn) return { tool: approval.tool, outcome: 'withdrawn' };
      // Decided in between: the cancel applies to what it became.
      state = taken ? approvalStateAt(taken.approval, Date.now()) : state;
    }
    if (state === 'approved') {
      const by = follower.callerUserId ? `user:${follower.callerUserId}` : `mcp:${follower.serverId}`;
      const cancelled = await this.calls.cancel(follower, taskId, by);
      if (cancelled) return { tool: approval.tool, outcome: cancelled.outcome };
    }
    return { tool: approval.tool, outcome: 'finished' };
  }

  private taskOf(approval: ApprovalEntity, now = Date.now()): Task {
    const state = approvalStateAt(approval, now);
    const createdAt = approval.createdAt.toISOString();
    const lastUpdatedAt = new Date(
      Math.max(approval.createdAt.getTime(), approval.updatedAt.getTime()),
    ).toISOString();
    const base = { taskId: approval.id, createdAt, lastUpdatedAt, ttlMs: null };
    switch (state) {
      case 'pending': {
        const url = `${this.app.dashboardUrl.replace(/\/+$/, '')}/approvals/${approval.id}`;
        return {
          ...base,
          status: 'working',
          statusMessage:
            `Waiting for a person's approval at ${url} (until ${approval.expiresAt.toISOString()}); the call has ` +
            'not run.',
          pollIntervalMs: POLL_MS,
        };
      }
      case 'approved':
        return {
          ...base,
          status: 'working',
          statusMessage: 'Approved; the call is queued and runs as soon as a worker takes it.',
          pollIntervalMs: POLL_MS,
        };
      case 'executed': {
        const result = approval.result as Envelope | null;
        return {
          ...base,
          status: 'completed',
          statusMessage: result?.ok
            ? 'Approved, and the call is done.'
            : `Approved, and the call ended with an error: ${result?.issues[0]?.message ?? 'unknown'}`.slice(
                0,
                500,
              ),
        };
      }
      default:
        return {
          ...base,
          status: 'completed',
          statusMessage: (endedWithoutRunning(approval, now)?.issues[0]?.message ?? state).slice(0, 500),
        };
    }
  }
}
