import { JOB_QUEUES, QueueBackend } from '@gw/queue';

/** Recurring jobs, upserted at every worker start so a changed schedule replaces the old one. */
export async function upsertSchedules(queues: QueueBackend): Promise<void> {
  await queues.queue(JOB_QUEUES['session-cleanup']).upsertJobScheduler(
    'nightly-session-cleanup',
    { pattern: '17 3 * * *' },
    {
      name: 'session-cleanup',
      data: {},
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
    },
  );
  await queues.queue(JOB_QUEUES['audit-retention']).upsertJobScheduler(
    'daily-audit-retention',
    { pattern: '41 3 * * *' },
    {
      name: 'audit-retention',
      data: {},
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
    },
  );
  await queues.queue(JOB_QUEUES['security-event-retention']).upsertJobScheduler(
    'hourly-security-event-retention',
    { pattern: '23 * * * *' },
    {
      name: 'security-event-retention',
      data: {},
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
    },
  );
}
