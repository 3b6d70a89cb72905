import { TASK } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';
import { provenEntry, runningInScope } from './time-entry.scope';
import {
  timeEntryCreateInput,
  timeEntryCurrentInput,
  timeEntryDeleteInput,
  timeEntryGetInput,
  timeEntryListInput,
  timeEntryUpdateInput,
  timerStartInput,
  timerStopInput,
} from './time-tracking.schemas';

/** A time entry id: the entry's task must be in a pinned server's spaces. */
const TIME_ENTRY = idProof('time_entry', (id, _args, ctx) => provenEntry(ctx, id));

/** On a server pinned to spaces, time is only logged on tasks in those spaces. */
function onATask(args: { task_id?: string }): void {
  if (args.task_id === undefined) {
    throw forbidden('This MCP server is scoped to spaces: give a task_id of a task in them.');
  }
}

/** A timer running outside a pinned server's spaces is neither stopped nor replaced by it. */
async function runningTimerInScope(_args: unknown, ctx: ToolContext): Promise<void> {
  await runningInScope(ctx);
}

export const timeTrackingGuard = defineGuard({
  tag: 'time_tracking',
  tools: {
    // Entries outside a pinned server's spaces are left out of the listing (the handler filters them).
    time_entry_list: guardTool(timeEntryListInput, { ids: { task_id: TASK } }),
    time_entry_get: guardTool(timeEntryGetInput, { ids: { time_entry_id: TIME_ENTRY } }),
    time_entry_create: guardTool(timeEntryCreateInput, { ids: { task_id: TASK }, pinned: onATask }),
    time_entry_update: guardTool(timeEntryUpdateInput, { ids: { time_entry_id: TIME_ENTRY, task_id: TASK } }),
    time_entry_delete: guardTool(timeEntryDeleteInput, { ids: { time_entry_id: TIME_ENTRY } }),
    // Shows a running timer outside a pinned server's spaces without its task (the handler redacts it).
    time_entry_current: guardTool(timeEntryCurrentInput, { ids: {} }),
    timer_start: guardTool(timerStartInput, {
      ids: { task_id: TASK },
      pinned: async (args, ctx) => {
        onATask(args);
        await runningTimerInScope(args, ctx);
      },
    }),
    timer_stop: guardTool(timerStopInput, { ids: {}, pinned: runningTimerInScope }),
  },
});
