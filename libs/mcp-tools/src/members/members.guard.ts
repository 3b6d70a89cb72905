import { LIST, TASK } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { memberListInput, userMeInput } from './members.schemas';

export const membersGuard = defineGuard({
  tag: 'members',
  tools: {
    member_list: guardTool(memberListInput, {
      ids: { list_id: LIST, task_id: TASK },
      // Every member of the workspace, emails included, is more than a server pinned to spaces may show.
      pinned: (args, ctx) => {
        if (args.list_id === undefined && args.task_id === undefined) {
          ctx.scope.assertWorkspaceObjects(
            'The workspace’s members',
            'Give list_id or task_id in its spaces for the people with access there.',
          );
        }
      },
    }),
    user_me: guardTool(userMeInput, { ids: {} }),
  },
});
