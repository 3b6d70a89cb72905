import { toCallToolResult } from '@gw/mcp-tools';
import type { FollowedCall } from '../../execution/queued-calls.service';

/** The statuses a queued ClickUp call can show; it never asks its client for input (`input_required`). */
export type TaskStatus = 'working' | 'completed' | 'failed' | 'cancelled';

/** The extension's `Task`: what a task is, whatever its status. */
export interface Task {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
}

/** Polling faster than the embedded queue notices a change (about once a second) finds nothing new. */
const MIN_POLL_MS = 1000;
/** A delayed job is asked about again shortly after its next attempt is due, but at least this often. */
const MAX_POLL_MS = 15_000;
const STATUS_MESSAGE_MAX = 500;
const INTERNAL_ERROR = -32603;

/**
 * A queued call as a task. A call that ran answers `completed` with its own result, an error envelope included
 * (`isError`): the extension keeps `failed` for JSON-RPC errors, and a tool call here never ends in one, so a
 * dead-lettered call is `completed` too, with the failure it met, exactly as a call that waited for it would have
 * answered.
 */
export function taskOf(call: FollowedCall, now = Date.now()): Task {
  const { view } = call;
  const status = statusOf(call);
  const createdAt = view.queued_at;
  const task: Task = {
    taskId: view.job_id,
    status,
    statusMessage: clip(statusMessage(call, now)),
    createdAt: new Date(createdAt).toISOString(),
    lastUpdatedAt: new Date(Math.max(createdAt, call.updatedAt)).toISOString(),
    ttlMs: call.keptUntil === null ? null : Math.max(1, Math.round(call.keptUntil - createdAt)),
  };
  if (status === 'working') task.pollIntervalMs = pollInterval(call, now);
  return task;
}

/** The answer to the `tools/call` that queued the call: a task handle in lieu of the tool's result. */
export function createTaskResult(call: FollowedCall, now = Date.now()) {
  return { resultType: 'task' as const, ...taskOf(call, now) };
}

/** The answer to `tasks/get`: the task, with the tool's result (or, never expected, an error) inlined. */
export function getTaskResult(call: FollowedCall, now = Date.now()) {
  const task = taskOf(call, now);
  if (task.status === 'completed' && call.outcome) {
    // The inlined CallToolResult is itself a complete result; requesters decode it as one.
    return {
      resultType: 'complete' as const,
      ...task,
      result: { resultType: 'complete' as const, ...toCallToolResult(call.outcome) },
    };
  }
  if (task.status === 'failed') {
    return {
      resultType: 'complete' as const,
      ...task,
      error: { code: INTERNAL_ERROR, message: task.statusMessage ?? 'failed' },
    };
  }
  return { resultType: 'complete' as const, ...task };
}

/** The answer to `tasks/cancel` and `tasks/update`: an acknowledgement, never a task. */
export const ACKNOWLEDGED = { resultType: 'complete' as const };

function statusOf(call: FollowedCall): TaskStatus {
  switch (call.view.state) {
    case 'completed':
    case 'failed':
      return call.outcome ? 'completed' : 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'working';
  }
}

function statusMessage(call: FollowedCall, now: number): string {
  const { view } = call;
  const attempt = `attempt ${view.attempts + 1} of ${view.max_attempts}`;
  const cancel = call.cancelRequested
    ? ' A cancel was asked for: it takes effect before the next attempt if nothing was changed by then.'
    : '';
  switch (view.state) {
    case 'waiting':
      return `${cause(call)}; the call is queued and runs as soon as a worker takes it.${cancel}`;
    case 'delayed': {
      const due = view.next_attempt_at ?? now;
      const last = view.last_error ? ` Last attempt: ${view.last_error}` : '';
      return `${cause(call)}; ${attempt} is due at ${new Date(due).toISOString()}.${last}${cancel}`;
    }
    case 'active':
      return `The queued call is running (${attempt}).${cancel}`;
    case 'cancelled':
      return view.last_error ?? 'Cancelled.';
    default: {
      const issue = call.outcome?.issues[0];
      if (!call.outcome) return view.last_error ?? 'The queued call ended without a result.';
      return call.outcome.ok
        ? 'The queued call is done.'
        : `The queued call ended with an error: ${issue?.message}`;
    }
  }
}

function cause(call: FollowedCall): string {
  switch (call.reason) {
    case 'rate_limit':
      return "This ClickUp token's rate limit was reached";
    case 'approved':
      return 'A person approved the call';
    default:
      return 'ClickUp failed or did not answer';
  }
}

function pollInterval(call: FollowedCall, now: number): number {
  const next = call.view.state === 'delayed' ? call.view.next_attempt_at : null;
  if (next === null) return MIN_POLL_MS;
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(next - now + 500)));
}

function clip(text: string): string {
  return text.length <= STATUS_MESSAGE_MAX ? text : `${text.slice(0, STATUS_MESSAGE_MAX - 1)}…`;
}
