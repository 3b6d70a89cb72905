import type { TimeEntry } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels, personLabel } from '../previews/people';
import { Changes, given, previewOf } from '../previews/preview-reader';
import { defined, excerpt, isoOf, oneLine, quoted, spanOf } from '../previews/preview-text';
import { provenEntry, runningInScope } from './time-entry.scope';
import { toEntryView } from './time-entry.view';
import {
  timeEntryCreateInput,
  timeEntryDeleteInput,
  timeEntryUpdateInput,
  timerStartInput,
  timerStopInput,
} from './time-tracking.schemas';

type Place = NonNullable<EffectPreview['location']>;

/** The task time is logged on, by name (the guard read it), or nothing for time on no task. */
async function taskPlace(ctx: ToolContext, taskId: string | undefined): Promise<Place | null> {
  if (taskId === undefined) return null;
  const task = await ctx.scope.task(ctx.client, taskId);
  return { type: 'task', id: task.id, name: oneLine(task.name) };
}

const onPlace = (place: Place | null) =>
  place ? ` on task ${quoted(place.name)} (${place.id})` : ' on no task';
const onEntryTask = (e: TimeEntry) =>
  e.task ? ` on task ${quoted(e.task.name ?? e.task.id)} (${e.task.id})` : ' on no task';
const byWhom = (e: TimeEntry) => (e.user ? ` by ${personLabel(e.user.id, e.user.username)}` : '');
const elapsedOf = (e: TimeEntry) => {
  const view = toEntryView(e);
  return spanOf(view.running ? view.elapsed_ms : view.duration_ms);
};
const target = (e: TimeEntry): EffectPreview['target'] => ({
  type: 'time_entry',
  id: e.id,
  name: e.description ? oneLine(e.description, 80) : null,
});

export const timeTrackingPreviews = {
  time_entry_create: previewOf(timeEntryCreateInput, async (args, ctx) => {
    const end = args.end ?? args.start + (args.duration_ms as number);
    const [place, assignee] = await Promise.all([
      taskPlace(ctx, args.task_id),
      args.assignee === undefined ? [undefined] : peopleLabels(ctx, [args.assignee]),
    ]);
    return {
      kind: 'create',
      summary: `Logs ${spanOf(end - args.start)}${onPlace(place)} from ${isoOf(args.start)}`,
      proposed: defined({
        start: isoOf(args.start),
        end: isoOf(end),
        duration: spanOf(end - args.start),
        billable: args.billable,
        description: given(args.description, excerpt),
        tags: args.tags?.map((t) => oneLine(t)),
        assignee: assignee[0],
      }),
      location: place,
    };
  }),

  time_entry_update: previewOf(timeEntryUpdateInput, async (args, ctx) => {
    const entry = await provenEntry(ctx, args.time_entry_id);
    const view = toEntryView(entry);
    const startMs = view.running ? view.started_at_ms : view.start_ms;
    const changes = new Changes();
    // Times as the handler works them out: a start alone keeps the duration, and a running timer's stay as they are.
    if (args.start !== undefined || args.end !== undefined || args.duration_ms !== undefined) {
      if (view.running) {
        throw invalid('That timer is still running: stop it with timer_stop before changing its times.');
      }
      const from = args.start ?? startMs ?? 0;
      const to = args.end ?? from + (args.duration_ms ?? view.duration_ms);
      if (to <= from) throw invalid('end must be after start.', args.end !== undefined ? 'end' : 'start');
      changes
        .add('start', isoOf(from), isoOf(startMs))
        .add('end', isoOf(to), isoOf(view.end_ms))
        .add('duration', spanOf(to - from), spanOf(view.duration_ms));
    }
    const task = await taskPlace(ctx, args.task_id);
    changes
      .add(
        'task',
        task ? `${task.name} (${task.id})` : undefined,
        entry.task && `${oneLine(entry.task.name ?? '')} (${entry.task.id})`,
      )
      .add('billable', args.billable, entry.billable)
      .add('description', given(args.description, excerpt), excerpt(entry.description))
      .add(
        'tags',
        args.tags &&
          tagsAfter(
            entry.tags.map((t) => t.name),
            args.tags,
            args.tag_action,
          ).map((t) => oneLine(t)),
        entry.tags.map((t) => oneLine(t.name)),
      );
    if (changes.list.length === 0) throw invalid('Nothing to change: give at least one field to update.');
    return {
      kind: 'update',
      summary: `Updates the time entry ${entry.id} of ${spanOf(view.running ? view.elapsed_ms : view.duration_ms)}${byWhom(entry)}${onEntryTask(entry)}${changes.phrase()}`,
      target: target(entry),
      changes: changes.list,
    };
  }),

  time_entry_delete: previewOf(timeEntryDeleteInput, async (args, ctx) => {
    const entry = await provenEntry(ctx, args.time_entry_id);
    const view = toEntryView(entry);
    const span = view.running
      ? `the running timer (${spanOf(view.elapsed_ms)} so far)`
      : `${spanOf(view.duration_ms)}`;
    const start = isoOf(view.running ? view.started_at_ms : view.start_ms);
    return {
      kind: 'delete',
      summary: `Deletes the time entry ${entry.id} of ${span}${byWhom(entry)}${onEntryTask(entry)}, started ${start}`,
      target: target(entry),
    };
  }),

  timer_start: previewOf(timerStartInput, async (args, ctx) => {
    const [place, running] = await Promise.all([taskPlace(ctx, args.task_id), runningInScope(ctx)]);
    // ClickUp runs one timer per person: starting one stops the running one.
    const stops = running
      ? `, stopping the timer running${onEntryTask(running)} for ${elapsedOf(running)} first`
      : '';
    return {
      kind: 'create',
      summary: `Starts a timer${onPlace(place)}${stops}`,
      proposed: defined({
        description: given(args.description, excerpt),
        billable: args.billable,
        tags: args.tags?.map((t) => oneLine(t)),
      }),
      location: place,
    };
  }),

  timer_stop: previewOf(timerStopInput, async (_args, ctx) => {
    const running = await runningInScope(ctx);
    if (!running)
      return { kind: 'update', summary: 'Stops the running timer: none runs now, so nothing changes' };
    return {
      kind: 'update',
      summary: `Stops the timer${byWhom(running)}${onEntryTask(running)}, running for ${elapsedOf(running)}`,
      target: target(running),
      changes: [{ field: 'running', from: true, to: false }],
    };
  }),
};

/** An entry's tag names after an update's tags apply (ClickUp's tag_action: replace, add or remove). */
function tagsAfter(
  current: string[],
  given: string[],
  action: 'replace' | 'add' | 'remove' = 'replace',
): string[] {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (action === 'replace') return given;
  if (action === 'add') return [...current, ...given.filter((g) => !current.some((c) => same(c, g)))];
  return current.filter((c) => !given.some((g) => same(c, g)));
}
