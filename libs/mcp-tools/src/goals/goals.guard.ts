import { LIST, TASK } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { provenGoal, provenKeyResult } from './goal.scope';
import {
  goalCreateInput,
  goalDeleteInput,
  goalGetInput,
  goalListInput,
  goalUpdateInput,
  keyResultCreateInput,
  keyResultDeleteInput,
  keyResultUpdateInput,
} from './goals.schemas';

const GOAL = idProof('goal', (id, _args, ctx) => provenGoal(ctx, id));

/** A key result id names a key result of the (proven) goal beside it. */
const KEY_RESULT = idProof<{ goal_id: string }>('key_result', (id, args, ctx) =>
  provenKeyResult(ctx, args.goal_id, id),
);

/**
 * Goals belong to the workspace, not to a space: a server pinned to spaces has these tools only when an admin
 * allowed workspace-level objects.
 */
export const goalsGuard = defineGuard({
  tag: 'goals',
  workspaceLevel: true,
  tools: {
    goal_list: guardTool(goalListInput, { ids: {} }),
    goal_get: guardTool(goalGetInput, { ids: { goal_id: GOAL } }),
    goal_create: guardTool(goalCreateInput, { ids: {} }),
    goal_update: guardTool(goalUpdateInput, { ids: { goal_id: GOAL } }),
    goal_delete: guardTool(goalDeleteInput, { ids: { goal_id: GOAL } }),
    // Tasks and lists an automatic key result follows are proven like any task_id and list_id.
    key_result_create: guardTool(keyResultCreateInput, {
      ids: { goal_id: GOAL, task_ids: TASK, list_ids: LIST },
    }),
    key_result_update: guardTool(keyResultUpdateInput, { ids: { goal_id: GOAL, key_result_id: KEY_RESULT } }),
    key_result_delete: guardTool(keyResultDeleteInput, { ids: { goal_id: GOAL, key_result_id: KEY_RESULT } }),
  },
});
