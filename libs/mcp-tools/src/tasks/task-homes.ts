import type { List, StatusMapping, Task } from '@gw/clickup-client';
import { foldName } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';

/** A move as ClickUp needs it: the status the task takes in the new list, and the mapping that says so if needed. */
export interface MovePlan {
  task: Task;
  list: List;
  /** The status in the new list; null when ClickUp's answers name none. */
  status: string | null;
  mapping?: StatusMapping;
  /** The task's home is that list already. */
  already: boolean;
}

/**
 * Plans a move of a proven task to a proven list. ClickUp keeps a status of the same name and needs a mapping
 * (status ids) when the new list lacks it: to the new list's first open status, which the agent can change after
 * with task_update (a status argument here did not fit the tool's share of the catalog's bytes).
 */
export async function planMove(
  ctx: ToolContext,
  args: { task_id: string; list_id: string },
): Promise<MovePlan> {
  const [task, list] = await Promise.all([
    ctx.scope.task(ctx.client, args.task_id),
    ctx.scope.list(ctx.client, args.list_id),
  ]);
  const current = task.status;
  const named = (name: string) => list.statuses.find((s) => foldName(s.status) === foldName(name));
  const already = task.list?.id === list.id;
  if (already) return { task, list, status: current?.status ?? null, already };
  const same = current ? named(current.status) : undefined;
  if (same) return { task, list, status: same.status, already };
  const destination = list.statuses.find((s) => s.type === 'open') ?? list.statuses[0];
  if (!destination) return { task, list, status: null, already };
  if (!current?.id || !destination.id) return { task, list, status: destination.status, already };
  return {
    task,
    list,
    status: destination.status,
    mapping: { source_status_id: current.id, destination_status_id: destination.id },
    already,
  };
}

/** The ids of the lists a task is kept in besides its home list. */
export const otherListIds = (task: Task): string[] => task.locations.map((l) => l.id);

/** Refuses a list that is the task's home, which ClickUp cannot take a task out of. */
export function notHomeList(task: Task, listId: string): void {
  if (task.list?.id === listId) {
    throw invalid(
      "list_id is the task's home list, which ClickUp cannot remove a task from: task_move gives it another " +
        'home, task_delete deletes it.',
      'list_id',
    );
  }
}
