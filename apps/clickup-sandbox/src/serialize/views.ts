import type { ViewRec } from '../store/types';

/** The View object (API-NOTES §13): the stored facts, with ClickUp's layout defaults around them. */
export function view(v: ViewRec): Record<string, unknown> {
  const fields: Record<string, unknown>[] = [];
  if (v.filters.statuses.length > 0)
    fields.push({
      field: 'status',
      op: 'EQ',
      determinor: null,
      idx: fields.length,
      values: v.filters.statuses,
    });
  if (v.filters.tags.length > 0)
    fields.push({ field: 'tag', op: 'ANY', determinor: null, idx: fields.length, values: v.filters.tags });
  if (v.filters.assigneeIds.length > 0)
    fields.push({
      field: 'assignee',
      op: 'ANY',
      determinor: null,
      idx: fields.length,
      values: v.filters.assigneeIds.map(String),
    });
  return {
    id: v.id,
    name: v.name,
    type: v.type,
    parent: { id: v.parent.id, type: v.parent.type },
    grouping: { field: 'status', dir: 1, collapsed: [], ignore: false },
    divide: { field: null, dir: null, collapsed: [] },
    sorting: { fields: [] },
    filters: { op: 'AND', fields, search: v.filters.search, show_closed: v.filters.showClosed },
    columns: { fields: [] },
    team_sidebar: { assignees: [], assigned_comments: false, unassigned_tasks: false },
    settings: {
      show_task_locations: false,
      show_subtasks: 3,
      show_subtask_parent_names: false,
      show_closed_subtasks: false,
      show_assignees: true,
      show_images: true,
      collapse_empty_columns: null,
      me_comments: true,
      me_subtasks: true,
      me_checklists: true,
    },
    date_created: String(v.dateCreated),
    creator: v.creatorId,
    visibility: 'public',
    protected: false,
    orderindex: v.orderindex,
  };
}
