import { Injectable } from '@nestjs/common';
import { SessionEntity } from '@gw/db';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource, LessThan } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/** An attempt that cannot finish in this time is failed and retried with backoff rather than left hanging. */
const ATTEMPT_DEADLINE_MS = 5000;

/** Deletes dashboard sessions that have expired. Scheduled nightly; admins can also run it from the api. */
@Injectable()
export class SessionCleanupJob implements JobProcessor<'session-cleanup'> {
  readonly name = 'session-cleanup' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(_payload: JobPayload<'session-cleanup'>): Promise<JobResult<'session-cleanup'>> {
    const deletion = this.dataSource.getRepository(SessionEntity).delete({ expiresAt: LessThan(new Date()) });
    const result = await withDeadline(deletion, ATTEMPT_DEADLINE_MS);
    return { deleted: result.affected ?? 0 };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`session clean-up did not finish within ${ms} ms (database busy?)`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
