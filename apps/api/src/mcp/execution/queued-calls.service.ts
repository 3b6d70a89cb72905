import { Injectable } from '@nestjs/common';
import {
  ToolError,
  type Envelope,
  type IssueCode,
  type RetryJobLookup,
  type RetryJobView,
} from '@gw/mcp-tools';
import type { ToolCallJobPayload } from '@gw/queue';
import {
  KEPT_AFTER_END_MS,
  RetryQueue,
  type CancelOutcome,
  type QueuedCall,
} from '../../retry/retry-queue.service';

/** A queued call as the MCP server whose request queued it follows it (`retry_job_get`, `tasks/*`). */
export interface FollowedCall {
  view: RetryJobView;
  reason: ToolCallJobPayload['reason'];
  /** When anything about it last changed, epoch ms. */
  updatedAt: number;
  /** When it stops being readable, epoch ms; null while it has not ended (a queued write is never dropped). */
  keptUntil: number | null;
  /** A cancel was asked for and is not binding yet: the next attempt stops if nothing was written by then. */
  cancelRequested: boolean;
  /** The envelope the call ended with: its own once it ran, the failure once it was dead-lettered. */
  outcome: Envelope | null;
}

/**
 * Who follows a queued call: the MCP server whose request queued it and, on a sign-in URL, the person it was for.
 * A person's queued call is theirs alone; one queued through the secret URL is the secret URL's.
 */
export interface CallFollower {
  serverId: string;
  /** The signed-in person asking; null at a secret URL. */
  callerUserId: string | null;
}

export function followerOf(serverId: string, origin: { caller?: { user_id: string } | null }): CallFollower {
  return { serverId, callerUserId: origin.caller?.user_id ?? null };
}

/** The retry queue did not answer. */
export class QueueUnavailable extends Error {
  override readonly name = 'QueueUnavailable';
}

// The gateway names jobs (and approval requests, whose ids their jobs take) with random UUIDs; any other id is no
// job of anyone's and costs no read.
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether an id can name a queued call or an approval request at all. */
export const isGatewayJobId = (id: string): boolean => JOB_ID.test(id);

/**
 * The retry queue as one MCP server (and, on a sign-in URL, one person) sees it: the calls its own requests queued,
 * and nothing of any other server's or person's, which answers exactly like a job that does not exist.
 */
@Injectable()
export class QueuedCalls {
  constructor(private readonly queue: RetryQueue) {}

  async find(follower: CallFollower, jobId: string): Promise<FollowedCall | null> {
    const found = await this.own(follower, jobId);
    return found && followed(found);
  }

  /** Cancels the call if it is the follower's (see RetryQueue.cancel for what a cancel can and cannot do). */
  async cancel(
    follower: CallFollower,
    jobId: string,
    by: string,
  ): Promise<{ tool: string; outcome: CancelOutcome } | null> {
    const found = await this.own(follower, jobId);
    if (!found) return null;
    const outcome = await this.reach(() => this.queue.cancel(found, by));
    return { tool: found.view.tool, outcome };
  }

  /** `retry_job_get`'s view of the queue. */
  lookupFor(follower: CallFollower): RetryJobLookup {
    return {
      get: async (jobId) => {
        try {
          return (await this.own(follower, jobId))?.view ?? null;
        } catch (error) {
          if (!(error instanceof QueueUnavailable)) throw error;
          throw new ToolError(
            'UPSTREAM_ERROR',
            'The retry queue is unavailable right now; ask again shortly.',
          );
        }
      },
    };
  }

  private async own(follower: CallFollower, jobId: string): Promise<QueuedCall | null> {
    if (!isGatewayJobId(jobId)) return null;
    const found = await this.reach(() => this.queue.get(jobId));
    if (!found) return null;
    const data = found.job.data;
    const queuedFor = data.origin.caller?.user_id ?? null;
    return data.server_id === follower.serverId && queuedFor === follower.callerUserId ? found : null;
  }

  private async reach<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new QueueUnavailable((error as Error).message);
    }
  }
}

/** The envelope of a queued call that was dead-lettered: what its last attempt met. */
export function failedCall(jobId: string, reason: string, code: IssueCode = 'UPSTREAM_ERROR'): Envelope {
  return {
    ok: false,
    result: null,
    issues: [{ code, message: `The queued call failed: ${reason}`, job_id: jobId }],
  };
}

function followed({ job, view, cancelRequested }: QueuedCall): FollowedCall {
  const data = job.data;
  const code = data.last_error?.code;
  const ended = view.state === 'completed' || view.state === 'failed' || view.state === 'cancelled';
  const endedAt = view.finished_at ?? job.finishedOn ?? Date.now();
  return {
    view,
    reason: data.reason,
    updatedAt: Math.max(
      view.queued_at,
      job.timestamp ?? 0,
      job.processedOn ?? 0,
      job.finishedOn ?? 0,
      data.last_error?.at ?? 0,
      view.finished_at ?? 0,
    ),
    keptUntil: ended
      ? endedAt + (view.state === 'completed' ? KEPT_AFTER_END_MS.completed : KEPT_AFTER_END_MS.failed)
      : null,
    cancelRequested,
    outcome:
      view.state === 'completed'
        ? view.result
        : view.state === 'failed'
          ? failedCall(
              view.job_id,
              view.last_error ?? 'its last attempt failed',
              code === 'RATE_LIMIT' || code === 'FORBIDDEN' ? code : 'UPSTREAM_ERROR',
            )
          : null,
  };
}
