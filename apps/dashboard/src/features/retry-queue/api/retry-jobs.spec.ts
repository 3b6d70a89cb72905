import { parseRetryJob, parseRetryJobs } from './retry-jobs';

describe('parseRetryJobs', () => {
  it('reads a list in an items envelope, with the fields the page shows', () => {
    const jobs = parseRetryJobs({
      items: [
        {
          id: '42',
          state: 'delayed',
          tool: 'task_update',
          server_id: 's1',
          team_id: null,
          reason: 'rate_limit',
          attempts: 2,
          max_attempts: 8,
          queued_at: '2025-06-01T09:58:00.000Z',
          next_attempt_at: '2025-06-01T10:00:00.000Z',
          finished_at: null,
          last_error: 'ClickUp answered 429',
          arguments: { task_id: 't1', name: 'New name' },
          writes: [{ operation: 'updateTask', method: 'PUT', path: '/task/t1', state: 'unknown' }],
          result: null,
        },
      ],
    });
    expect(jobs).toEqual([
      {
        id: '42',
        state: 'delayed',
        tool: 'task_update',
        serverId: 's1',
        reason: 'rate_limit',
        attemptsMade: 2,
        maxAttempts: 8,
        nextRunAt: '2025-06-01T10:00:00.000Z',
        createdAt: '2025-06-01T09:58:00.000Z',
        finishedAt: null,
        failedReason: 'ClickUp answered 429',
        writes: [{ operation: 'updateTask', method: 'PUT', path: '/task/t1', state: 'unknown' }],
        payload: { task_id: 't1', name: 'New name' },
        result: undefined,
      },
    ]);
  });

  it('reads a bare array and epoch-ms times, skipping what is not a job', () => {
    const jobs = parseRetryJobs([{ id: 7, timestamp: 0 }, 'junk', { name: 'no id' }]);
    expect(jobs.map((j) => [j.id, j.createdAt])).toEqual([['7', '1970-01-01T00:00:00.000Z']]);
  });

  it('returns nothing for an unexpected body', () => {
    expect(parseRetryJobs({ message: 'x' })).toEqual([]);
    expect(parseRetryJob(null)).toBeNull();
  });
});
