import type { Goal, KeyResult } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { notFound } from '../core/tool-error';

/** A goal of the server's workspace, read once per call. */
export function provenGoal(ctx: ToolContext, goalId: string): Promise<Goal> {
  return ctx.scope.once(`goal ${goalId}`, async () => {
    const { data } = await ctx.client.goals.get(goalId);
    ctx.scope.assertWorkspace(data.team_id, 'That goal');
    return data;
  });
}

/** ClickUp has no "get key result": the goal (which scopes it) carries its key results. */
export async function provenKeyResult(
  ctx: ToolContext,
  goalId: string,
  keyResultId: string,
): Promise<KeyResult> {
  const goal = await provenGoal(ctx, goalId);
  const kr = goal.key_results.find((k) => k.id === keyResultId);
  if (!kr) throw notFound('That goal has no key result with this key_result_id (see goal_get).');
  return kr;
}
