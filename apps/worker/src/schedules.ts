import { JOB_QUEUES, QueueBackend } from '@gw/queue';

/**
 * Recurring jobs, upserted at every worker start so a changed schedule replaces the old one. Audit checkpoints run
 * only while a signing key is configured; a worker started without one removes the schedule.
 */
export async function upsertSchedules(
  queues: QueueBackend,
  { checkpoints }: { checkpoints: boolean },
): Promise<void> {
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
  const checkpointQueue = queues.queue(JOB_QUEUES['audit-checkpoint']);
  if (!checkpoints) {
    await checkpointQueue.removeJobScheduler('minutely-audit-checkpoint');
    return;
  }
  await checkpointQueue.upsertJobScheduler(
    'minutely-audit-checkpoint',
    { every: 60_000 },
    {
      name: 'audit-checkpoint',
      data: {},
      // A run that fails is retried by the next one, a minute later; its error stays visible among the failed jobs.
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
    },
  );
}
