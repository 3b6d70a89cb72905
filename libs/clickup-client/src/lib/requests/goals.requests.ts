import { compact, path, query, type ClickUpRequest } from '../request';

export type CreateGoalBody = {
  name: string;
  due_date: number;
  description: string;
  multiple_owners: boolean;
  /** User ids. */
  owners: number[];
  color: string;
};

/** The spec requires name, due date, description and colour on every update; owner changes are optional. */
export type UpdateGoalBody = {
  name: string;
  due_date: number;
  description: string;
  color: string;
  add_owners?: number[];
  rem_owners?: number[];
};

export type KeyResultType = 'number' | 'currency' | 'boolean' | 'percentage' | 'automatic';

export type CreateKeyResultBody = {
  name: string;
  type: KeyResultType;
  steps_start: number;
  steps_end: number;
  unit?: string;
  owners?: number[];
  /** Tasks and Lists that drive an `automatic` key result. */
  task_ids?: string[];
  list_ids?: string[];
};

export type UpdateKeyResultBody = { steps_current: number; note?: string };

export const goalRequests = {
  list: (
    teamId: string | number,
    options: { includeCompleted?: boolean } = {},
  ): ClickUpRequest<'getGoals'> => ({
    operation: 'getGoals',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/goal`,
    query: query({ include_completed: options.includeCompleted }),
  }),
  get: (goalId: string): ClickUpRequest<'getGoal'> => ({
    operation: 'getGoal',
    method: 'GET',
    version: 'v2',
    path: path`/goal/${goalId}`,
    query: {},
  }),
  create: (teamId: string | number, body: CreateGoalBody): ClickUpRequest<'createGoal'> => ({
    operation: 'createGoal',
    method: 'POST',
    version: 'v2',
    path: path`/team/${teamId}/goal`,
    query: {},
    body: compact(body),
  }),
  update: (goalId: string, body: UpdateGoalBody): ClickUpRequest<'updateGoal'> => ({
    operation: 'updateGoal',
    method: 'PUT',
    version: 'v2',
    path: path`/goal/${goalId}`,
    query: {},
    body: compact({ ...body, add_owners: body.add_owners ?? [], rem_owners: body.rem_owners ?? [] }),
  }),
  delete: (goalId: string): ClickUpRequest<'deleteGoal'> => ({
    operation: 'deleteGoal',
    method: 'DELETE',
    version: 'v2',
    path: path`/goal/${goalId}`,
    query: {},
  }),
  createKeyResult: (goalId: string, body: CreateKeyResultBody): ClickUpRequest<'createKeyResult'> => ({
    operation: 'createKeyResult',
    method: 'POST',
    version: 'v2',
    path: path`/goal/${goalId}/key_result`,
    query: {},
    body: compact({
      ...body,
      unit: body.unit ?? '',
      owners: body.owners ?? [],
      task_ids: body.task_ids ?? [],
      list_ids: body.list_ids ?? [],
    }),
  }),
  updateKeyResult: (keyResultId: string, body: UpdateKeyResultBody): ClickUpRequest<'editKeyResult'> => ({
    operation: 'editKeyResult',
    method: 'PUT',
    version: 'v2',
    path: path`/key_result/${keyResultId}`,
    query: {},
    body: compact({ ...body, note: body.note ?? '' }),
  }),
  deleteKeyResult: (keyResultId: string): ClickUpRequest<'deleteKeyResult'> => ({
    operation: 'deleteKeyResult',
    method: 'DELETE',
    version: 'v2',
    path: path`/key_result/${keyResultId}`,
    query: {},
  }),
};
