import { Injectable } from '@nestjs/common';
import { type CallFollower, QueuedCalls, QueueUnavailable } from '../../execution/queued-calls.service';
import { ErrorCode, rpcError, rpcResult, type JsonRpcRequest } from '../json-rpc';
import type { Dispatched } from '../mcp-dispatcher';
import type { ModernRequestMeta } from '../request-meta';
import { ApprovalTasks } from './approval-tasks';
import { ACKNOWLEDGED, createTaskResult, getTaskResult } from './task-wire';
import { missingTasksCapability, takesTasks } from './tasks-extension';

/** The extension's methods. It has no `tasks/list` (no caller can learn of another's tasks) and no `tasks/result`. */
export const TASK_METHODS = ['tasks/get', 'tasks/update', 'tasks/cancel'] as const;
export type TaskMethod = (typeof TASK_METHODS)[number];

const TASK_ID_MAX = 100;

/**
 * `tasks/get`, `tasks/update` and `tasks/cancel` over the retry queue: a task is the durable BullMQ job its call
 * went to (the one the dashboard shows), read and cancelled through the MCP server whose request queued it. Any
 * other server's URL gets the extension's not-found answer, the same as for an id that never existed. A call held
 * for approval is a task under the request's id (`ApprovalTasks`), which its job takes once approved.
 */
@Injectable()
export class TaskMethods {
  constructor(
    private readonly calls: QueuedCalls,
    private readonly approvals: ApprovalTasks,
  ) {}

  async dispatch(
    request: JsonRpcRequest & { method: TaskMethod },
    follower: CallFollower,
    meta: ModernRequestMeta | null,
  ): Promise<Dispatched> {
    const params = request.params ?? {};
    if (!takesTasks(meta)) return { response: missingTasksCapability(request.id, request.method) };
    const taskId = params['taskId'];
    if (typeof taskId !== 'string' || taskId.length === 0 || taskId.length > TASK_ID_MAX) {
      return {
        response: rpcError(
          request.id,
          ErrorCode.InvalidParams,
          `${request.method} needs params.taskId (a task id from a tools/call answer)`,
        ),
      };
    }
    try {
      switch (request.method) {
        case 'tasks/get':
          return await this.get(request, follower, taskId);
        case 'tasks/update':
          return await this.update(request, params, follower, taskId);
        case 'tasks/cancel':
          return await this.cancel(request, follower, taskId);
      }
    } catch (error) {
      if (!(error instanceof QueueUnavailable)) throw error;
      return {
        response: rpcError(
          request.id,
          ErrorCode.InternalError,
          'The retry queue is unavailable right now; ask again shortly.',
        ),
        arguments: { task_id: taskId },
      };
    }
  }

  /**
   * The answer to a `tools/call` the gateway queued, for a client that takes tasks: the job read back, so the
   * task handed out is one `tasks/get` finds. Null when it cannot be read (the caller answers the envelope).
   */
  async created(follower: CallFollower, jobId: string) {
    const call = await this.calls.find(follower, jobId).catch(() => null);
    return call && createTaskResult(call);
  }

  /** The answer to a `tools/call` held for approval, for a client that takes tasks; null when it cannot be read. */
  heldForApproval(follower: CallFollower, approvalId: string) {
    return this.approvals.created(follower, approvalId);
  }

  private async get(request: JsonRpcRequest, follower: CallFollower, taskId: string): Promise<Dispatched> {
    const held = await this.approvals.get(follower, taskId);
    if (held) {
      return {
        response: rpcResult(request.id, held.result),
        tool: held.tool,
        arguments: { task_id: taskId },
        jobId: taskId,
      };
    }
    const call = await this.calls.find(follower, taskId);
    if (!call) return notFound(request, taskId);
    return {
      response: rpcResult(request.id, getTaskResult(call)),
      tool: call.view.tool,
      arguments: { task_id: taskId },
      jobId: taskId,
    };
  }

  /** Queued calls never ask their client for input, so there is never anything to update: a known task is acked. */
  private async update(
    request: JsonRpcRequest,
    params: Record<string, unknown>,
    follower: CallFollower,
    taskId: string,
  ): Promise<Dispatched> {
    const responses = params['inputResponses'];
    if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
      return {
        response: rpcError(
          request.id,
          ErrorCode.InvalidParams,
          'tasks/update needs params.inputResponses (an object)',
        ),
      };
    }
    const tool =
      (await this.approvals.get(follower, taskId))?.tool ??
      (await this.calls.find(follower, taskId))?.view.tool;
    if (!tool) return notFound(request, taskId);
    return {
      response: rpcResult(request.id, ACKNOWLEDGED),
      tool,
      arguments: { task_id: taskId, input_responses: Object.keys(responses).length },
      jobId: taskId,
    };
  }

  /**
   * Acknowledged whatever becomes of it, as the extension asks (cancelling is cooperative, and idempotent on an
   * ended task); the audit row records what it did.
   */
  private async cancel(request: JsonRpcRequest, follower: CallFollower, taskId: string): Promise<Dispatched> {
    const by = follower.callerUserId ? `user:${follower.callerUserId}` : `mcp:${follower.serverId}`;
    const cancelled =
      (await this.approvals.cancel(follower, taskId)) ?? (await this.calls.cancel(follower, taskId, by));
    if (!cancelled) return notFound(request, taskId);
    return {
      response: rpcResult(request.id, ACKNOWLEDGED),
      tool: cancelled.tool,
      arguments: { task_id: taskId, cancel: cancelled.outcome },
      jobId: taskId,
    };
  }
}

function notFound(request: JsonRpcRequest, taskId: string): Dispatched {
  return {
    response: rpcError(
      request.id,
      ErrorCode.InvalidParams,
      `Failed to retrieve task: no task ${taskId} on this MCP server`,
    ),
  };
}
