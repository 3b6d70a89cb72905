import { Injectable } from '@nestjs/common';
import type { UpdateTimeEntryBody } from '@gw/clickup-client';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { CREATE, DELETE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid, notFound, ToolError } from '../core/tool-error';
import { entryScopeChecker, provenEntry, readEntry, runningInScope } from './time-entry.scope';
import { toEntryDetail, toEntryTags, toEntryView } from './time-entry.view';
import { timeTrackingGuard } from './time-tracking.guard';
import {
  deletedOutput,
  timeEntryCreateInput,
  timeEntryCurrentInput,
  timeEntryCurrentOutput,
  timeEntryDeleteInput,
  timeEntryDetailSchema,
  timeEntryGetInput,
  timeEntryListInput,
  timeEntryListOutput,
  timeEntrySchema,
  timeEntryUpdateInput,
  timerStartInput,
  timerStopInput,
} from './time-tracking.schemas';

const DEFAULT_WINDOW_MS = 30 * 86_400_000;
const LIST_TOOL = 'time_entry_list';

/** ClickUp documents the create answer as an echo of the request; then the entry is found by its times. */
async function findCreated(ctx: ToolContext, start: number, end: number, taskId?: string, assignee?: number) {
  const { data } = await ctx.client.timeEntries.list(ctx.scope.workspaceId, {
    startDate: start,
    endDate: end,
    taskId,
    assignee,
  });
  const match = data
    .filter((e) => e.start === start && e.end === end)
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  if (!match) {
    throw new ToolError(
      'UPSTREAM_ERROR',
      'ClickUp accepted the time entry but did not return it; check with time_entry_list.',
    );
  }
  return match;
}

@Injectable()
export class TimeTrackingTools implements ToolGroup {
  readonly guard = timeTrackingGuard;
  readonly tools = [
    defineTool({
      name: 'time_entry_list',
      title: 'List time entries',
      description: 'Time entries in a window (default: yours, last 30 days), newest first, with the total.',
      method: 'list',
      tags: ['time_tracking'],
      input: timeEntryListInput,
      output: timeEntryListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const now = Date.now();
        let start: number;
        let end: number;
        let offset = 0;
        if (args.cursor) {
          const state = decodeCursor(LIST_TOOL, args.cursor);
          [start, end, offset] = [Number(state['s']), Number(state['e']), Number(state['o'])];
        } else {
          end = args.end ?? now;
          start = args.start ?? end - DEFAULT_WINDOW_MS;
        }
        if (end <= start) throw invalid('end must be after start.', 'end');
        const spaces = ctx.scope.spaceIds;
        const { data } = await ctx.client.timeEntries.list(ctx.scope.workspaceId, {
          startDate: start,
          endDate: end,
          assignee: args.assignee,
          taskId: args.task_id,
          // One pinned space narrows the query upstream; several are filtered below.
          spaceId: !args.task_id && spaces?.length === 1 ? spaces[0] : undefined,
          isBillable: args.billable,
          includeLocationNames: true,
        });
        const allowed = entryScopeChecker(ctx);
        const checks = await Promise.all(data.map((e) => allowed(e)));
        const views = data
          .filter((_e, i) => checks[i])
          .map((e) => toEntryView(e, now))
          .sort((a, b) => startOf(b) - startOf(a));
        const page = views.slice(offset, offset + args.limit);
        const more = offset + args.limit < views.length;
        return {
          items: page,
          next_cursor: more ? encodeCursor(LIST_TOOL, { s: start, e: end, o: offset + args.limit }) : null,
          truncated: more,
          total_count: views.length,
          total_duration_ms: views.reduce((sum, v) => sum + (v.running ? v.elapsed_ms : v.duration_ms), 0),
          window_start_ms: start,
          window_start_iso: new Date(start).toISOString(),
          window_end_ms: end,
          window_end_iso: new Date(end).toISOString(),
        };
      },
    }),
    defineTool({
      name: 'time_entry_get',
      title: 'Get a time entry',
      description: 'One time entry with its task, list and space.',
      method: 'get',
      tags: ['time_tracking'],
      input: timeEntryGetInput,
      output: timeEntryDetailSchema,
      annotations: READ,
      handler: async (args, ctx) => toEntryDetail(await provenEntry(ctx, args.time_entry_id)),
    }),
    defineTool({
      name: 'time_entry_create',
      title: 'Log time',
      description: 'Logs finished work, e.g. {task_id, start, duration_ms: 7200000, billable: true}.',
      method: 'create',
      tags: ['time_tracking'],
      input: timeEntryCreateInput,
      output: timeEntrySchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const end = args.end ?? args.start + (args.duration_ms as number);
        const { data } = await ctx.client.timeEntries.create(ctx.scope.workspaceId, {
          start: args.start,
          duration: end - args.start,
          end: args.end,
          billable: args.billable,
          description: args.description,
          tags: args.tags && toEntryTags(args.tags),
          assignee: args.assignee,
          tid: args.task_id,
        });
        return toEntryView(data ?? (await findCreated(ctx, args.start, end, args.task_id, args.assignee)));
      },
    }),
    defineTool({
      name: 'time_entry_update',
      title: 'Update a time entry',
      description: "Changes the given fields of a time entry; a running timer's times only after timer_stop.",
      method: 'update',
      tags: ['time_tracking'],
      input: timeEntryUpdateInput,
      output: timeEntryDetailSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { time_entry_id: id, start, end, duration_ms: duration } = args;
        const current = toEntryView(await provenEntry(ctx, id));
        const body: UpdateTimeEntryBody = {
          description: args.description,
          billable: args.billable,
          tid: args.task_id,
          ...(args.tags ? { tags: toEntryTags(args.tags), tag_action: args.tag_action ?? 'replace' } : {}),
        };
        if (start !== undefined || end !== undefined || duration !== undefined) {
          if (current.running) {
            throw invalid('That timer is still running: stop it with timer_stop before changing its times.');
          }
          const from = start ?? current.start_ms ?? 0;
          const to = end ?? from + (duration ?? current.duration_ms);
          if (to <= from) throw invalid('end must be after start.', end !== undefined ? 'end' : 'start');
          body.start = from;
          body.end = to;
        }
        if (Object.values(body).every((v) => v === undefined)) {
          throw invalid('Nothing to change: give at least one field to update.');
        }
        await ctx.client.timeEntries.update(ctx.scope.workspaceId, id, body);
        return toEntryDetail(await readEntry(ctx, id));
      },
    }),
    defineTool({
      name: 'time_entry_delete',
      title: 'Delete a time entry',
      description: 'Deletes a time entry for good.',
      method: 'delete',
      tags: ['time_tracking'],
      input: timeEntryDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.timeEntries.delete(ctx.scope.workspaceId, args.time_entry_id);
        return { id: args.time_entry_id, deleted: true as const };
      },
    }),
    defineTool({
      name: 'time_entry_current',
      title: 'Running timer',
      description: 'Your running timer with elapsed_ms, or {running: false}.',
      method: 'get',
      tags: ['time_tracking'],
      input: timeEntryCurrentInput,
      output: timeEntryCurrentOutput,
      annotations: READ,
      handler: async (_args, ctx) => {
        const { data } = await ctx.client.timeEntries.current(ctx.scope.workspaceId);
        const view = data ? toEntryView(data) : null;
        if (!data || !view?.running) return { running: false as const };
        if (await entryScopeChecker(ctx)(data)) return view;
        return { ...view, task_id: null, task_name: null, description: null, tags: [], out_of_scope: true };
      },
    }),
    defineTool({
      name: 'timer_start',
      title: 'Start a timer',
      description: 'Starts your timer on a task; a running one is stopped first.',
      method: 'create',
      tags: ['time_tracking'],
      input: timerStartInput,
      output: timeEntrySchema,
      annotations: { ...CREATE, destructiveHint: false },
      handler: async (args, ctx) => {
        const { data } = await ctx.client.timeEntries.start(ctx.scope.workspaceId, {
          tid: args.task_id,
          description: args.description,
          billable: args.billable,
          tags: args.tags?.map((name) => ({ name })),
        });
        return toEntryView(data);
      },
    }),
    defineTool({
      name: 'timer_stop',
      title: 'Stop the timer',
      description: 'Stops your timer; returns the entry with duration_ms.',
      method: 'update',
      tags: ['time_tracking'],
      input: timerStopInput,
      output: timeEntrySchema,
      annotations: { ...UPDATE, destructiveHint: false, idempotentHint: false },
      handler: async (_args, ctx) => {
        if (ctx.scope.spaceIds && !(await runningInScope(ctx))) throw notFound('No timer is running.');
        const { data } = await ctx.client.timeEntries.stop(ctx.scope.workspaceId);
        return toEntryView(data);
      },
    }),
  ];
}

function startOf(view: {
  running: boolean;
  started_at_ms?: number | null;
  start_ms?: number | null;
}): number {
  return (view.running ? view.started_at_ms : view.start_ms) ?? 0;
}
