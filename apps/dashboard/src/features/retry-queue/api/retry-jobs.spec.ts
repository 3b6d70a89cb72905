import { parseRetryJob, parseRetryJobs } from './retry-jobs';

describe('parseRetryJobs', () => {
  it('reads a list in an items envelope, with the fields the page shows', () => {
    const jobs = parseRetryJobs({
      items: [
        {
          id: '42',
          name: 'clickup-request',
          state: 'delayed',
          attempts_made: 2,
          max_attempts: 8,
          next_run_at: '2025-06-01T10:00:00.000Z',
          payload: { tool: 'task_update', server_id: 's1' },
          attempts_log: [{ at: '2025-06-01T09:59:00.000Z', status: 429, message: 'rate limited' }],
        },
      ],
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: '42',
      state: 'delayed',
      tool: 'task_update',
      serverId: 's1',
      attemptsMade: 2,
      maxAttempts: 8,
      nextRunAt: '2025-06-01T10:00:00.000Z',
      attempts: [{ at: '2025-06-01T09:59:00.000Z', status: 429, message: 'rate limited' }],
    });
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
