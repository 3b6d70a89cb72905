import type { View } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden, invalid } from '../core/tool-error';

// The view proof of the comment tools: the views group proves views the same way (its view.scope.ts); one of the
// two can go when both groups are in one tree.

/** ClickUp's view parent types: 4 space, 5 folder, 6 list, 7 the workspace (Everything). */
const PARENTS = { 4: 'space', 5: 'folder', 6: 'list', 7: 'workspace' } as const;

/** ClickUp's type of a chat view, the only views with comments. */
export const CHAT_VIEW_TYPE = 'conversation';

/**
 * A chat view whose comments a call reads or writes, read once per call: its parent (a space, folder or list as their
 * own proofs check them, or the workspace when the server may reach workspace-level objects) must be in scope, and
 * it must be a chat view.
 */
export function provenChatView(ctx: ToolContext, viewId: string): Promise<View> {
  return ctx.scope.once(`view ${viewId}`, async () => {
    const { data: view } = await ctx.client.views.get(viewId);
    const { id, type } = view.parent;
    switch (PARENTS[type as keyof typeof PARENTS]) {
      case 'workspace':
        ctx.scope.assertWorkspace(id, 'That view');
        ctx.scope.assertWorkspaceObjects('Workspace-level views');
        break;
      case 'space':
        await ctx.scope.checkSpace(ctx.client, id, 'That view');
        break;
      case 'folder':
        await ctx.scope.folder(ctx.client, id);
        break;
      case 'list':
        await ctx.scope.checkList(ctx.client, id);
        break;
      default:
        throw forbidden(
          'That view belongs to no space, folder, list or workspace this MCP server can prove.',
        );
    }
    if (view.type !== CHAT_VIEW_TYPE) {
      throw invalid(
        `view_id ${viewId} is a ${view.type} view; comments live on chat views (type ${CHAT_VIEW_TYPE}).`,
        'view_id',
      );
    }
    return view;
  });
}
