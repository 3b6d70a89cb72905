import type { Envelope, RetryJobView } from '@gw/mcp-tools';
import type { FollowedCall } from '../../execution/queued-calls.service';
import { createTaskResult, getTaskResult, taskOf } from './task-wire';

const QUEUED_AT = Date.parse('2026-07-28T10:00:00.000Z');
const NOW = QUEUED_AT + 5_000;
const JOB = '786512e2-9e0d-44bd-8f29-789f320fe840';
const DAY_MS = 86_400_000;

function call(view: Partial<RetryJobView>, rest: Partial<FollowedCall> = {}): FollowedCall {
  return {
    view: {
      job_id: JOB,
      tool: 'task_create',
      state: 'waiting',
      attempts: 0,
      max_attempts: 8,
      queued_at: QUEUED_AT,
      next_attempt_at: null,
      finished_at: null,
      result: null,
      last_error: null,
      ...view,
    },
    reason: 'rate_limit',
    updatedAt: QUEUED_AT,
    keptUntil: null,
    cancelRequested: false,
    outcome: null,
    ...rest,
  };
}

const created: Envelope = { ok: true, result: { id: 't1', name: 'Ship it' }, issues: [] };
const upstreamFailure: Envelope = {
  ok: false,
  result: null,
  issues: [{ code: 'UPSTREAM_ERROR', message: 'The queued call failed: ClickUp failed (503)', job_id: JOB }],
};

describe('a queued call as a task of the 2026-07-28 tasks extension', () => {
  it('is handed out flat, working, with its job id, ISO times and integer hints', () => {
    const answer = createTaskResult(call({}), NOW);
    expect(answer).toEqual({
      resultType: 'task',
      taskId: JOB,
      status: 'working',
      statusMessage: expect.stringContaining('rate limit'),
      createdAt: '2026-07-28T10:00:00.000Z',
      lastUpdatedAt: '2026-07-28T10:00:00.000Z',
      ttlMs: null,
      pollIntervalMs: 1000,
    });
    expect(answer).not.toHaveProperty('result');
    expect(answer).not.toHaveProperty('task');
    expect(answer).not.toHaveProperty('ttl');
  });

  it('shows waiting, delayed and running jobs as working, polled about when their next attempt is due', () => {
    const due = NOW + 8_000;
    const delayed = taskOf(
      call({ state: 'delayed', attempts: 2, next_attempt_at: due, last_error: 'ClickUp failed (503)' }),
      NOW,
    );
    expect(delayed).toMatchObject({ status: 'working', pollIntervalMs: 8_500 });
    expect(delayed.statusMessage).toContain('attempt 3 of 8 is due at 2026-07-28T10:00:13.000Z');
    expect(delayed.statusMessage).toContain('Last attempt: ClickUp failed (503)');
    expect(taskOf(call({ state: 'delayed', next_attempt_at: NOW + 3_600_000 }), NOW).pollIntervalMs).toBe(
      15_000,
    );
    expect(taskOf(call({ state: 'delayed', next_attempt_at: NOW - 10 }), NOW).pollIntervalMs).toBe(1_000);
    expect(taskOf(call({ state: 'active', attempts: 1 }), NOW)).toMatchObject({
      status: 'working',
      statusMessage: 'The queued call is running (attempt 2 of 8).',
      pollIntervalMs: 1000,
    });
  });

  it('says when a cancel was asked for but cannot take effect yet', () => {
    const task = taskOf(call({ state: 'active' }, { cancelRequested: true }), NOW);
    expect(task.status).toBe('working');
    expect(task.statusMessage).toContain('A cancel was asked for');
  });

  it('inlines the call’s own result once completed, as a complete CallToolResult, kept until removal', () => {
    const finished = NOW + 20_000;
    const answer = getTaskResult(
      call(
        { state: 'completed', finished_at: finished, result: created },
        { outcome: created, updatedAt: finished, keptUntil: finished + 7 * DAY_MS },
      ),
      NOW,
    );
    expect(answer).toEqual({
      resultType: 'complete',
      taskId: JOB,
      status: 'completed',
      statusMessage: 'The queued call is done.',
      createdAt: '2026-07-28T10:00:00.000Z',
      lastUpdatedAt: '2026-07-28T10:00:25.000Z',
      ttlMs: 25_000 + 7 * DAY_MS,
      result: {
        resultType: 'complete',
        content: [{ type: 'text', text: JSON.stringify(created) }],
        structuredContent: created,
        isError: false,
      },
    });
    expect(answer).not.toHaveProperty('pollIntervalMs');
  });

  it('reports a dead-lettered call as completed with its error result, never as a protocol failure', () => {
    const answer = getTaskResult(
      call(
        { state: 'failed', attempts: 8, last_error: 'ClickUp failed (503)', finished_at: NOW },
        { outcome: upstreamFailure, keptUntil: NOW + 30 * DAY_MS, reason: 'upstream_error' },
      ),
      NOW,
    );
    expect(answer).toMatchObject({
      status: 'completed',
      statusMessage: 'The queued call ended with an error: The queued call failed: ClickUp failed (503)',
      result: { isError: true, structuredContent: upstreamFailure },
    });
    expect(answer).not.toHaveProperty('error');
  });

  it('shows a cancelled call as cancelled, without a result', () => {
    const answer = getTaskResult(
      call(
        { state: 'cancelled', finished_at: NOW, last_error: 'Cancelled before it changed anything.' },
        { keptUntil: NOW + 30 * DAY_MS },
      ),
      NOW,
    );
    expect(answer).toEqual({
      resultType: 'complete',
      taskId: JOB,
      status: 'cancelled',
      statusMessage: 'Cancelled before it changed anything.',
      createdAt: '2026-07-28T10:00:00.000Z',
      lastUpdatedAt: '2026-07-28T10:00:00.000Z',
      ttlMs: 5_000 + 30 * DAY_MS,
    });
  });

  it('answers a finished job that lost its result as failed, with a JSON-RPC error', () => {
    const answer = getTaskResult(call({ state: 'completed', finished_at: NOW }, { keptUntil: NOW }), NOW);
    expect(answer).toMatchObject({ status: 'failed', error: { code: -32603, message: expect.any(String) } });
    expect(answer).not.toHaveProperty('result');
  });

  it('never says it was updated before it was created, and keeps status messages short', () => {
    const task = taskOf(call({ state: 'delayed', last_error: 'x'.repeat(2000) }, { updatedAt: 0 }), NOW);
    expect(task.lastUpdatedAt).toBe(task.createdAt);
    expect(task.statusMessage?.length).toBeLessThanOrEqual(500);
  });
});
