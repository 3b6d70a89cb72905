import { Injectable } from '@nestjs/common';
import { SessionEntity } from '@gw/db';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource, LessThan } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/**
 * An attempt that cannot finish in this time is cancelled by the database and retried with backoff, rather than
 * left hanging behind a lock. The timeout is the database's own, so a cancelled attempt deletes nothing.
 */
const ATTEMPT_TIMEOUT_MS = 5000;

/** Deletes dashboard sessions that have expired. Scheduled nightly; admins can also run it from the api. */
@Injectable()
export class SessionCleanupJob implements JobProcessor<'session-cleanup'> {
  readonly name = 'session-cleanup' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(_payload: JobPayload<'session-cleanup'>): Promise<JobResult<'session-cleanup'>> {
    const deleted = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${ATTEMPT_TIMEOUT_MS}`);
      const result = await tx.getRepository(SessionEntity).delete({ expiresAt: LessThan(new Date()) });
      return result.affected ?? 0;
    });
    return { deleted };
  }
}
