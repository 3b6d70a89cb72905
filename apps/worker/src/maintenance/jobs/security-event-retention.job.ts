import { Injectable } from '@nestjs/common';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

export const SECURITY_EVENT_RETENTION_DAYS = 30;
/** Rows per DELETE, so a month of a large attack is purged in short statements rather than one long lock. */
const ROWS_PER_BATCH = 10_000;

/** Deletes security events older than 30 days. Scheduled hourly, so the table never holds much more than that. */
@Injectable()
export class SecurityEventRetentionJob implements JobProcessor<'security-event-retention'> {
  readonly name = 'security-event-retention' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(
    _payload: JobPayload<'security-event-retention'>,
  ): Promise<JobResult<'security-event-retention'>> {
    const cutoff = new Date(Date.now() - SECURITY_EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
    let deleted = 0;
    for (;;) {
      const [, affected]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM security_events WHERE ctid IN (SELECT ctid FROM security_events WHERE minute < $1 LIMIT ${ROWS_PER_BATCH})`,
        [cutoff],
      );
      deleted += affected;
      if (affected < ROWS_PER_BATCH) return { deleted };
    }
  }
}
