import type { Task } from '@gw/clickup-client';
import type { z } from 'zod';
import { epochMs, isoTime } from '../core/format';
import { readFieldValue } from '../custom-fields/field-values';
import { priorityOf } from './task-inputs';
import { LISTED_DESCRIPTION_CHARS, type taskDetail, type taskResult } from './tasks.schemas';

type TaskLike = Omit<Task, 'subtasks'>;

/** The compact task every task tool returns (the seed spec's TaskResult plus names and ISO times). */
export function toTaskResult(t: TaskLike): z.input<typeof taskResult> {
  const priority = priorityOf(t.priority);
  // Keys written out rather than spread from helpers: every task tool builds these (docs/benchmarks.md).
  const result: z.input<typeof taskResult> = {
    id: t.id,
    name: t.name,
    status: t.status?.status ?? null,
    priority: priority.priority,
    priority_name: priority.priority_name,
    list_id: t.list?.id ?? null,
    assignee_ids: t.assignees.map((a) => a.id),
    due_date_ms: epochMs(t.due_date),
    due_date_iso: isoTime(t.due_date),
    url: t.url ?? `https://app.clickup.com/t/${t.id}`,
    parent_id: t.parent,
  };
  // Only a task of another type than Task says so: most tasks are plain ones.
  if (t.custom_item_id) result.task_type_id = t.custom_item_id;
  return result;
}

/** The markdown description when ClickUp sent it, else the plain text. */
function descriptionOf(t: TaskLike): string | null {
  return t.markdown_description ?? t.text_content ?? t.description;
}

/** A listing's task with its description, for reading many tasks in one call (triage by bug report). */
export function toListedTask(t: TaskLike): z.input<typeof taskResult> & { description: string | null } {
  const text = descriptionOf(t);
  return {
    ...toTaskResult(t),
    description:
      text && text.length > LISTED_DESCRIPTION_CHARS ? `${text.slice(0, LISTED_DESCRIPTION_CHARS)}…` : text,
  };
}

/** Everything an agent needs about one task, without ClickUp's noise (sharing, colours, orderindex...). */
export function toTaskDetail(
  t: Task,
  withSubtasks: boolean,
  typeName?: string | null,
): z.input<typeof taskDetail> {
  const folderHidden = t.folder?.hidden === true;
  return {
    ...toTaskResult(t),
    custom_id: t.custom_id,
    ...(typeName ? { task_type: typeName } : {}),
    description: descriptionOf(t),
    status_type: t.status?.type ?? null,
    archived: t.archived ?? false,
    list_name: t.list?.name ?? null,
    folder_id: folderHidden ? null : (t.folder?.id ?? null),
    space_id: t.space?.id ?? null,
    creator: t.creator ? { id: t.creator.id, username: t.creator.username } : null,
    assignees: t.assignees.map((a) => ({ id: a.id, username: a.username })),
    tags: t.tags.map((tag) => tag.name),
    start_date_ms: epochMs(t.start_date),
    start_date_iso: isoTime(t.start_date),
    date_created_ms: epochMs(t.date_created),
    date_created_iso: isoTime(t.date_created),
    date_updated_ms: epochMs(t.date_updated),
    date_updated_iso: isoTime(t.date_updated),
    date_closed_ms: epochMs(t.date_closed),
    date_closed_iso: isoTime(t.date_closed),
    time_estimate_ms: t.time_estimate,
    time_spent_ms: t.time_spent,
    custom_fields: t.custom_fields.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      value: readFieldValue(f),
    })),
    // An entry {task_id: A, depends_on: B} means A waits on B, whichever of the two tasks carries it.
    waiting_on: t.dependencies.filter((d) => d.task_id === t.id).map((d) => d.depends_on),
    blocking: t.dependencies.filter((d) => d.depends_on === t.id).map((d) => d.task_id),
    linked_task_ids: t.linked_tasks.map((l) => l.task_id),
    // Lists the task was added to besides its home list (Tasks in Multiple Lists).
    other_list_ids: t.locations.map((l) => l.id),
    checklists: t.checklists.map((c) => ({
      id: c.id,
      name: c.name,
      items: c.items.map((i) => ({ id: i.id, name: i.name, resolved: i.resolved })),
    })),
    ...(withSubtasks
      ? {
          subtasks: (t.subtasks ?? []).map((s) => ({
            id: s.id,
            name: s.name,
            status: s.status?.status ?? null,
          })),
        }
      : {}),
  };
}
