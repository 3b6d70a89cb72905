import { foldName } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';

/** A task type (ClickUp's `custom_item_id`): 0 and 1 are built into every workspace. */
export interface TaskType {
  id: number;
  name: string;
}

export const BUILT_IN_TASK_TYPES: readonly TaskType[] = [
  { id: 0, name: 'Task' },
  { id: 1, name: 'Milestone' },
];

/** The built-in types with the workspace's own (`GET /team/{id}/custom_item`), read once per call. */
export function taskTypes(ctx: ToolContext): Promise<TaskType[]> {
  return ctx.scope.once(`custom_items ${ctx.scope.workspaceId}`, async () => {
    const { data } = await ctx.client.workspaces.customItems(ctx.scope.workspaceId);
    const own = data.map((c) => ({ id: c.id, name: c.name }));
    return [...BUILT_IN_TASK_TYPES.filter((b) => !own.some((c) => c.id === b.id)), ...own];
  });
}

/** The name of a task's type without a read when it is built in; null for a plain task. */
export function builtInTypeName(id: number | null): string | null | undefined {
  if (id === null || id === 0) return null;
  return BUILT_IN_TASK_TYPES.find((t) => t.id === id)?.name;
}

/** The type an agent named, by id or (any case) name; anything else is refused with the valid ones. */
export async function resolveTaskType(ctx: ToolContext, ref: number | string): Promise<TaskType> {
  const text = String(ref).trim();
  // Task and Milestone are in every workspace: naming one costs no read.
  const builtIn = BUILT_IN_TASK_TYPES.find(
    (t) => String(t.id) === text || foldName(t.name) === foldName(text),
  );
  if (builtIn) return builtIn;
  const types = await taskTypes(ctx);
  const found =
    (/^\d+$/.test(text) ? types.find((t) => t.id === Number(text)) : undefined) ??
    types.find((t) => foldName(t.name) === foldName(text));
  if (found) return found;
  const valid = types.map((t) => `${t.name} (${t.id})`).join(', ');
  throw invalid(`task_type: "${text}" is not a task type of this workspace; valid: ${valid}.`, 'task_type');
}
