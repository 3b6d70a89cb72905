import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PauseEntity } from '@gw/db';
import { pauseDiscard, QUEUE_NAMES, QueueBackend } from '@gw/queue';
import type { JobType } from 'bullmq';
import { DataSource } from 'typeorm';
import { RetryQueue, type ToolCallJob } from '../retry/retry-queue.service';

/** Jobs that have not ended, in every state a queued call waits or runs in. */
const PENDING: JobType[] = ['waiting', 'prioritized', 'delayed', 'active'];
const PAGE = 200;

/** What a discard did to the pending calls of a pause's scope. */
export interface Discarded {
  /** Cancelled before they changed anything in ClickUp (or stopped before their next request, if running). */
  discarded: number;
  /** Had already changed something in ClickUp, so they are carried to their end rather than left half done. */
  carriedOn: number;
}

/**
 * The queued calls of a pause's scope, for its resume: the worker holds them (back to delayed, marked `held`) while
 * the pause lasts; a resume promotes the held ones so they run at once, and a discard cancels every pending one
 * the way `tasks/cancel` does — through the job's log, honoured only while the call has changed nothing.
 */
@Injectable()
export class HeldCalls {
  private readonly logger = new Logger(HeldCalls.name);

  constructor(
    private readonly queues: QueueBackend,
    private readonly retries: RetryQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Cancels every pending call of the scope. Called while the pause still holds them, so none can start between the
   * resume and its cancel; the cancelled ones are promoted by the cancel, so the worker ends them now. Those carried
   * on are promoted by `resume` once the pause is lifted.
   */
  async discard(pause: PauseEntity): Promise<Discarded> {
    const discarded: Discarded = { discarded: 0, carriedOn: 0 };
    for (const job of await this.pendingIn(pause, PENDING)) {
      const found = await this.retries.get(String(job.id));
      if (!found) continue;
      const outcome = await this.retries.cancel(found, pauseDiscard(pause.id));
      if (outcome === 'cancelled' || outcome === 'requested') discarded.discarded++;
      else if (outcome === 'written') discarded.carriedOn++;
    }
    return discarded;
  }

  /**
   * Sends the calls the pause held back to run now; called once the resume is committed, so the worker holds none
   * of them again. Returns how many were promoted.
   */
  async resume(pause: PauseEntity): Promise<number> {
    let promoted = 0;
    for (const job of await this.pendingIn(pause, ['delayed'])) {
      if (job.data.held && (await this.promote(job))) promoted++;
    }
    return promoted;
  }

  /** A job moved on meanwhile (a worker took it, or it ended) is no longer this resume's to promote. */
  private async promote(job: ToolCallJob): Promise<boolean> {
    try {
      await job.promote();
      return true;
    } catch (error) {
      this.logger.debug(`job ${job.id} was not promoted: ${(error as Error).message}`);
      return false;
    }
  }

  /** The organization's pending tool calls whose server is in the pause's scope (its team or connection as now). */
  private async pendingIn(pause: PauseEntity, types: JobType[]): Promise<ToolCallJob[]> {
    const servers = pause.scope === 'organization' ? null : await this.serversIn(pause);
    const queue = this.queues.producer(QUEUE_NAMES.retries);
    // By id: a job that changes state during the scan may be listed twice.
    const found = new Map<string, ToolCallJob>();
    for (let start = 0; ; start += PAGE) {
      // Each state's range is read: while any state fills its page, there may be more.
      const page = (await queue.getJobs(types, start, start + PAGE - 1, true)) as ToolCallJob[];
      for (const job of page) {
        if (job?.name !== 'tool-call' || job.data.organization_id !== pause.organizationId) continue;
        if (servers === null || servers.has(job.data.server_id)) found.set(String(job.id), job);
      }
      if (page.length < PAGE) return [...found.values()];
    }
  }

  private async serversIn(pause: PauseEntity): Promise<Set<string>> {
    const column = pause.scope === 'team' ? 'team_id' : 'connection_id';
    const rows = (await this.dataSource.query(
      `SELECT id FROM mcp_servers WHERE organization_id = $1 AND ${column} = $2`,
      [pause.organizationId, pause.targetId],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}
