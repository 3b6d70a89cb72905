import type { List, Priority } from '@gw/clickup-client';
import type { z } from 'zod';
import { PRIORITY_NAMES, timeFields } from '../core/format';
import type { listDetailSchema, listSummarySchema } from './lists.schemas';

const PRIORITY_LEVELS = new Map<string, number>(
  Object.entries(PRIORITY_NAMES).map(([level, name]) => [name, Number(level)]),
);

/** ClickUp reads a list priority as `{priority: "high"}`; agents write it as a level, so both are given. */
export function priorityFields(priority: Priority | null) {
  if (!priority) return { priority: null, priority_name: null };
  const name = priority.priority.toLowerCase();
  const level = PRIORITY_LEVELS.get(name) ?? Number(priority.id);
  return { priority: Number.isInteger(level) ? level : null, priority_name: name };
}

/** The list's real folder; a folderless list carries ClickUp's `hidden` placeholder, which is no folder. */
export function realFolder(list: Pick<List, 'folder'>) {
  return list.folder && !list.folder.hidden ? list.folder : null;
}

/**
 * Lists nested in a folder answer omit their folder and sometimes their space, so the caller passes where
 * it found them.
 */
export function toListSummary(
  list: List,
  where: { folderId?: string | null; spaceId?: string | null } = {},
): z.input<typeof listSummarySchema> {
  return {
    id: list.id,
    name: list.name,
    folder_id: realFolder(list)?.id ?? where.folderId ?? null,
    space_id: list.space?.id ?? where.spaceId ?? null,
    task_count: list.task_count,
    archived: list.archived ?? false,
  };
}

export function toListDetail(list: List): z.input<typeof listDetailSchema> {
  const folder = realFolder(list);
  return {
    id: list.id,
    name: list.name,
    content: list.content,
    folder_id: folder?.id ?? null,
    folder_name: folder?.name ?? null,
    space_id: list.space?.id ?? null,
    space_name: list.space?.name ?? null,
    task_count: list.task_count,
    archived: list.archived ?? false,
    color: list.status?.status ?? null,
    ...priorityFields(list.priority),
    assignee_id: list.assignee?.id ?? null,
    assignee_name: list.assignee?.username ?? null,
    ...timeFields('due_date', list.due_date),
    ...timeFields('start_date', list.start_date),
    statuses: list.statuses.map((s) => ({ status: s.status, type: s.type ?? null })),
  };
}
