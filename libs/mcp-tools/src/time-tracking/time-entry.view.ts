import type { TimeEntry, TimeEntryTag } from '@gw/clickup-client';
import type { z } from 'zod';
import { timeFields } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';
import type { timeEntryDetailSchema, timeEntrySchema } from './time-tracking.schemas';

export type EntryView = z.input<typeof timeEntrySchema>;

/**
 * ClickUp marks a running timer with a negative duration (often minus the start time); the agent sees
 * `running: true` and the time elapsed since the start instead, never a negative number.
 */
export function toEntryView(e: TimeEntry, now = Date.now()): EntryView {
  const base = {
    id: e.id,
    task_id: e.task?.id ?? null,
    task_name: e.task?.name ?? null,
    user_id: e.user?.id ?? null,
    description: e.description,
    billable: e.billable,
    tags: e.tags.map((t) => t.name),
  };
  const running = e.running || (e.end === null && e.duration === null);
  if (running) {
    const elapsed = e.start === null ? 0 : Math.max(0, now - e.start);
    return { ...base, running: true, ...timeFields('started_at', e.start), elapsed_ms: elapsed };
  }
  const end = e.end ?? (e.start !== null && e.duration !== null ? e.start + e.duration : null);
  const duration = e.duration ?? (e.start !== null && end !== null ? end - e.start : 0);
  return {
    ...base,
    running: false,
    ...timeFields('start', e.start),
    ...timeFields('end', end),
    duration_ms: Math.max(0, duration),
  };
}

export function toEntryDetail(e: TimeEntry): z.input<typeof timeEntryDetailSchema> {
  return {
    ...toEntryView(e),
    list_id: e.task_location?.list_id ?? null,
    list_name: e.task_location?.list_name ?? null,
    space_id: e.task_location?.space_id ?? null,
    task_url: e.task_url ?? null,
  };
}

/** Tags as ClickUp's create and update bodies take them; ClickUp keeps the colours of a tag it knows. */
export function toEntryTags(names: readonly string[]): TimeEntryTag[] {
  return names.map((name) => ({ name, tag_fg: '#000000', tag_bg: '#b5bcc2' }));
}

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

/** On a server pinned to spaces, time is only logged on tasks in those spaces. */
export async function assertTaskForTime(ctx: ToolContext, taskId: string | undefined): Promise<void> {
  if (taskId) {
    await ctx.scope.task(ctx.client, taskId);
    return;
  }
  if (ctx.scope.spaceIds) {
    throw forbidden('This MCP server is scoped to spaces: give a task_id of a task in them.');
  }
}
