import type { Task } from '@gw/clickup-client';
import type { z } from 'zod';
import { timeFields } from '../core/format';
import { readFieldValue } from '../custom-fields/field-values';
import { priorityOf } from './task-inputs';
import { LISTED_DESCRIPTION_CHARS, type taskDetail, type taskResult } from './tasks.schemas';

type TaskLike = Omit<Task, 'subtasks'>;

/** The compact task every task tool returns (the seed spec's TaskResult plus names and ISO times). */
export function toTaskResult(t: TaskLike): z.input<typeof taskResult> {
  return {
    id: t.id,
    name: t.name,
    status: t.status?.status ?? null,
    ...priorityOf(t.priority),
    list_id: t.list?.id ?? null,
    assignee_ids: t.assignees.map((a) => a.id),
    ...timeFields('due_date', t.due_date),
    url: t.url ?? `https://app.clickup.com/t/${t.id}`,
    parent_id: t.parent,
  };
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
export function toTaskDetail(t: Task, withSubtasks: boolean): z.input<typeof taskDetail> {
  const folderHidden = t.folder?.hidden === true;
  return {
    ...toTaskResult(t),
    custom_id: t.custom_id,
    description: descriptionOf(t),
    status_type: t.status?.type ?? null,
    archived: t.archived ?? false,
    list_name: t.list?.name ?? null,
    folder_id: folderHidden ? null : (t.folder?.id ?? null),
    space_id: t.space?.id ?? null,
    creator: t.creator ? { id: t.creator.id, username: t.creator.username } : null,
    assignees: t.assignees.map((a) => ({ id: a.id, username: a.username })),
    tags: t.tags.map((tag) => tag.name),
    ...timeFields('start_date', t.start_date),
    ...timeFields('date_created', t.date_created),
    ...timeFields('date_updated', t.date_updated),
    ...timeFields('date_closed', t.date_closed),
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
