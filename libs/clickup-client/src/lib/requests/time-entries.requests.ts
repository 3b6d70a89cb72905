import { ClickUpError } from '../http/errors';
import { compact, path, query, type ClickUpRequest } from '../request';

export type TimeEntryTag = { name: string; tag_fg: string; tag_bg: string };

type IncludeOptions = {
  includeTaskTags?: boolean;
  includeLocationNames?: boolean;
  includeApprovalHistory?: boolean;
  includeApprovalDetails?: boolean;
};

export type TimeEntryFilters = IncludeOptions & {
  /** Epoch ms; without dates ClickUp returns the last 30 days. */
  startDate?: number;
  endDate?: number;
  /** Other users' entries (owners and admins only); several ids are sent comma-separated. */
  assignee?: number | number[];
  /** At most one of spaceId, folderId, listId and taskId. */
  spaceId?: string | number;
  folderId?: string | number;
  listId?: string | number;
  taskId?: string;
  /** `taskId` is a custom task id. */
  customTaskIds?: boolean;
  isBillable?: boolean;
};

export type CreateTimeEntryBody = {
  /** Epoch ms. */
  start: number;
  /** Give `duration` or `end`; with `end`, the duration is computed from it. */
  duration?: number;
  end?: number;
  description?: string;
  tags?: TimeEntryTag[];
  billable?: boolean;
  /** A user id (owners and admins may log time for others). */
  assignee?: number;
  /** The task id. */
  tid?: string;
};

export type UpdateTimeEntryBody = {
  description?: string;
  tags?: TimeEntryTag[];
  tag_action?: 'replace' | 'add' | 'remove';
  /** `start` and `end` go together. */
  start?: number;
  end?: number;
  duration?: number;
  tid?: string;
  billable?: boolean;
};

export type StartTimerBody = {
  tid?: string;
  description?: string;
  billable?: boolean;
  tags?: Array<{ name: string }>;
};

function includeQuery(options: IncludeOptions) {
  return {
    include_task_tags: options.includeTaskTags,
    include_location_names: options.includeLocationNames,
    include_approval_history: options.includeApprovalHistory,
    include_approval_details: options.includeApprovalDetails,
  };
}

function customTaskIds(teamId: string | number, enabled: boolean | undefined) {
  return enabled ? { custom_task_ids: true, team_id: teamId } : {};
}

function createBody(body: CreateTimeEntryBody) {
  const duration = body.duration ?? (body.end !== undefined ? body.end - body.start : undefined);
  if (duration === undefined) throw ClickUpError.invalidInput('a time entry needs a duration or an end');
  // The spec requires `duration` even when `end` is given (ClickUp then ignores it).
  return compact({ ...body, duration });
}

function updateBody(body: UpdateTimeEntryBody) {
  if ((body.start === undefined) !== (body.end === undefined)) {
    throw ClickUpError.invalidInput('start and end must be changed together');
  }
  // The spec requires `tags`; adding no tags leaves the entry's tags as they are.
  if (body.tags === undefined) return compact({ ...body, tags: [], tag_action: 'add' as const });
  return compact(body);
}

function listQuery(teamId: string | number, filters: TimeEntryFilters) {
  const locations = [filters.spaceId, filters.folderId, filters.listId, filters.taskId].filter(
    (v) => v !== undefined,
  );
  if (locations.length > 1) {
    throw ClickUpError.invalidInput(
      'filter time entries by at most one of spaceId, folderId, listId and taskId',
    );
  }
  const assignee = Array.isArray(filters.assignee) ? filters.assignee.join(',') : filters.assignee;
  return query({
    start_date: filters.startDate,
    end_date: filters.endDate,
    assignee: assignee === '' ? undefined : assignee,
    ...includeQuery(filters),
    space_id: filters.spaceId,
    folder_id: filters.folderId,
    list_id: filters.listId,
    task_id: filters.taskId,
    ...customTaskIds(teamId, filters.customTaskIds),
    is_billable: filters.isBillable,
  });
}

export const timeEntryRequests = {
  /** Not paginated: a date window instead (30 days and the caller's own entries by default). */
  list: (
    teamId: string | number,
    filters: TimeEntryFilters = {},
  ): ClickUpRequest<'gettimeentrieswithinadaterange'> => ({
    operation: 'gettimeentrieswithinadaterange',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/time_entries`,
    query: listQuery(teamId, filters),
  }),
  get: (
    teamId: string | number,
    timerId: string,
    options: IncludeOptions = {},
  ): ClickUpRequest<'getsingulartimeentry'> => ({
    operation: 'getsingulartimeentry',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/${timerId}`,
    query: query(includeQuery(options)),
  }),
  create: (
    teamId: string | number,
    body: CreateTimeEntryBody,
    options: { customTaskIds?: boolean } = {},
  ): ClickUpRequest<'createatimeentry'> => ({
    operation: 'createatimeentry',
    method: 'POST',
    version: 'v2',
    path: path`/team/${teamId}/time_entries`,
    query: query(customTaskIds(teamId, options.customTaskIds)),
    body: createBody(body),
  }),
  update: (
    teamId: string | number,
    timerId: string,
    body: UpdateTimeEntryBody,
    options: { customTaskIds?: boolean } = {},
  ): ClickUpRequest<'updateatimeEntry'> => ({
    operation: 'updateatimeEntry',
    method: 'PUT',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/${timerId}`,
    query: query(customTaskIds(teamId, options.customTaskIds)),
    body: updateBody(body),
  }),
  delete: (teamId: string | number, timerId: string): ClickUpRequest<'deleteatimeEntry'> => ({
    operation: 'deleteatimeEntry',
    method: 'DELETE',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/${timerId}`,
    query: {},
  }),
  /** The running timer of the token's user, or of `assignee`. */
  current: (
    teamId: string | number,
    options: { assignee?: number } = {},
  ): ClickUpRequest<'getrunningtimeentry'> => ({
    operation: 'getrunningtimeentry',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/current`,
    query: query({ assignee: options.assignee }),
  }),
  start: (
    teamId: string | number,
    body: StartTimerBody = {},
    options: { customTaskIds?: boolean } = {},
  ): ClickUpRequest<'startatimeEntry'> => ({
    operation: 'startatimeEntry',
    method: 'POST',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/start`,
    query: query(customTaskIds(teamId, options.customTaskIds)),
    body: compact(body),
  }),
  stop: (teamId: string | number): ClickUpRequest<'stopatimeEntry'> => ({
    operation: 'stopatimeEntry',
    method: 'POST',
    version: 'v2',
    path: path`/team/${teamId}/time_entries/stop`,
    query: {},
  }),
};
