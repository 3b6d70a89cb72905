import { SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { workspaceFindInput, workspaceHierarchyInput, workspaceListInput } from './workspaces.schemas';

export const workspacesGuard = defineGuard({
  tag: 'workspaces',
  tools: {
    // Names the server's own workspace, and only the spaces it may use.
    workspace_list: guardTool(workspaceListInput, { ids: {} }),
    workspace_hierarchy: guardTool(workspaceHierarchyInput, { ids: { space_id: SPACE } }),
    workspace_find: guardTool(workspaceFindInput, {
      ids: {},
      // A server pinned to spaces does not search the workspace's members unless allowed (see member_list).
      pinned: (args, ctx) => {
        if (args.kinds?.includes('member')) {
          ctx.scope.assertWorkspaceObjects(
            'The workspace’s members',
            'Use member_list with a list_id instead.',
          );
        }
      },
    }),
  },
});
