import { Injectable, Logger } from '@nestjs/common';
import { expireServerJobId, JOB_QUEUES, type JobPayload, QueueBackend } from '@gw/queue';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Schedules the worker's `expire-server` job for a server's expiry. The MCP endpoint refuses expired servers on
 * every request by itself, so the job is the cleanup that purges the token hash: if the queue store is down the
 * change still goes through, and the failure is logged.
 */
@Injectable()
export class McpServerExpiryScheduler {
  private readonly logger = new Logger(McpServerExpiryScheduler.name);

  constructor(private readonly queues: QueueBackend) {}

  /** Call whenever a server's expiry is set or moved; `previous` is the expiry it had before, if any. */
  async schedule(serverId: string, expiresAt: Date | null, previous: Date | null = null): Promise<void> {
    if (expiresAt?.getTime() === previous?.getTime()) return;
    try {
      const queue = await this.queues.ready(JOB_QUEUES['expire-server']);
      // The job re-reads the expiry, so a stale one would do nothing; removing it keeps the queue honest.
      if (previous) await queue.remove(expireServerJobId(serverId, previous));
      if (!expiresAt) return;
      const payload: JobPayload<'expire-server'> = { server_id: serverId };
      await queue.add('expire-server', payload, {
        jobId: expireServerJobId(serverId, expiresAt),
        delay: Math.max(0, expiresAt.getTime() - Date.now()),
        attempts: 10,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: DAY_MS / 1000 },
        removeOnFail: { age: (30 * DAY_MS) / 1000 },
      });
    } catch (error) {
      this.logger.warn(
        { server_id: serverId, err: (error as Error).message },
        'could not schedule the expiry job; the MCP endpoint still refuses the server once it expires',
      );
    }
  }

  /** A revoked server has no token left to purge. */
  cancel(serverId: string, expiresAt: Date | null): Promise<void> {
    return this.schedule(serverId, null, expiresAt);
  }
}
