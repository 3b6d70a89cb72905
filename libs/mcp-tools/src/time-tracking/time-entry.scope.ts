import type { TimeEntry } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';
import { toEntryView } from './time-entry.view';

const DENIALS = new Set(['FORBIDDEN', 'NOT_FOUND']);

function isDenial(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DENIALS.has(code);
}

/**
 * Whether a server pinned to spaces may see this entry: only entries on tasks in its spaces. The entry's
 * `task_location` says where the task lives when ClickUp sends it; otherwise the task is fetched (once per id).
 */
export function entryScopeChecker(ctx: ToolContext) {
  const taskSpaces = new Map<string, Promise<boolean>>();
  return async (e: TimeEntry): Promise<boolean> => {
    if (!ctx.scope.inWorkspace(e.wid)) return false;
    if (!ctx.scope.spaceIds) return true;
    if (!e.task) return false;
    const spaceId = e.task_location?.space_id;
    if (spaceId) return ctx.scope.allowsSpace(spaceId);
    const taskId = e.task.id;
    let allowed = taskSpaces.get(taskId);
    if (!allowed) {
      allowed = ctx.scope.task(ctx.client, taskId).then(
        () => true,
        (error: unknown) => {
          if (isDenial(error)) return false;
          throw error;
        },
      );
      taskSpaces.set(taskId, allowed);
    }
    return allowed;
  };
}

export async function assertEntryInScope(ctx: ToolContext, e: TimeEntry): Promise<void> {
  if (!(await entryScopeChecker(ctx)(e))) {
    throw forbidden('That time entry is outside the spaces this MCP server is scoped to.');
  }
}

/** A time entry read now and checked against the scope (after a write: never the call's earlier read). */
export async function readEntry(ctx: ToolContext, id: string): Promise<TimeEntry> {
  const { data } = await ctx.client.timeEntries.get(ctx.scope.workspaceId, id, {
    includeLocationNames: true,
  });
  await assertEntryInScope(ctx, data);
  return data;
}

/** A time entry in scope, read once per call: the guard's proof and the handler share the read. */
export function provenEntry(ctx: ToolContext, id: string): Promise<TimeEntry> {
  return ctx.scope.once(`time_entry ${id}`, () => readEntry(ctx, id));
}

/**
 * The running timer, read once per call, refused when it runs on a task outside a pinned server's spaces: such a
 * server must neither stop nor replace it. Null when no timer runs.
 */
export function runningInScope(ctx: ToolContext): Promise<TimeEntry | null> {
  return ctx.scope.once('time_entry running', async () => {
    const { data } = await ctx.client.timeEntries.current(ctx.scope.workspaceId);
    if (!data || !toEntryView(data).running) return null;
    if (!(await entryScopeChecker(ctx)(data))) {
      throw forbidden('The running timer is on a task outside the spaces this MCP server is scoped to.');
    }
    return data;
  });
}
