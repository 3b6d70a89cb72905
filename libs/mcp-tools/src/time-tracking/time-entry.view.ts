import type { TimeEntry, TimeEntryTag } from '@gw/clickup-client';
import type { z } from 'zod';
import { timeFields } from '../core/format';
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
