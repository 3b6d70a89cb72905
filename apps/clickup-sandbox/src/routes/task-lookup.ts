import { Errors } from '../http/api-error';
import type { Ctx } from '../http/context';
import type { TaskRec } from '../store/types';

/**
 * Resolves `{task_id}` on every task-scoped route, honouring `custom_task_ids=true&team_id=…`
 * (API-NOTES §3): with the flag the id is a custom id such as `ENG-12`, looked up in that workspace.
 */
export function resolveTask(ctx: Ctx, raw: string = ctx.params['task_id']): TaskRec {
  const { store, principal, query } = ctx;
  if (!query.bool('custom_task_ids', false)) return store.task(principal, raw);
  const teamId = query.string('team_id');
  if (!teamId) throw Errors.invalid('team_id is required when custom_task_ids is true', 'ITEM_003');
  store.workspace(principal, teamId);
  const id = store.customIds.get(`${teamId}:${raw.toUpperCase()}`);
  return store.task(principal, id ?? raw);
}
