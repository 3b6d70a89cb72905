import type { Checklist } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { notFound } from '../core/tool-error';

/** ClickUp has no "get checklist": the task (which scopes it) carries its checklists. */
export async function provenChecklist(
  ctx: ToolContext,
  taskId: string,
  checklistId: string,
): Promise<Checklist> {
  const task = await ctx.scope.task(ctx.client, taskId);
  const checklist = task.checklists.find((c) => c.id === checklistId);
  if (!checklist) throw notFound('That task has no checklist with this checklist_id (see task_get).');
  return checklist;
}
