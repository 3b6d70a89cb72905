import type { View } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';

/** ClickUp's view parent types: 4 space, 5 folder, 6 list, 7 the workspace (Everything). */
export const VIEW_PARENTS = { 4: 'space', 5: 'folder', 6: 'list', 7: 'workspace' } as const;
export type ViewParent = (typeof VIEW_PARENTS)[keyof typeof VIEW_PARENTS];

export function parentKind(type: number): ViewParent | null {
  return VIEW_PARENTS[type as keyof typeof VIEW_PARENTS] ?? null;
}

const VIEWS_INSTEAD = 'Name a space_id, folder_id or list_id instead.';

/** Workspace-level views, refused on a server pinned to spaces unless an admin allowed workspace objects. */
export function assertWorkspaceViews(ctx: ToolContext, instead = VIEWS_INSTEAD): void {
  ctx.scope.assertWorkspaceObjects('Workspace-level views', instead);
}

/**
 * Reads a view and proves its parent is in scope: a space, folder or list as their own proofs do, the workspace only
 * when it is the server's and workspace-level views are reachable. Read once per call. The view tools and the
 * comment tools (chat views) share it; `instead` is what the refusal of a workspace-level view suggests.
 */
export function provenView(ctx: ToolContext, viewId: string, instead = VIEWS_INSTEAD): Promise<View> {
  return ctx.scope.once(`view ${viewId}`, async () => {
    const { data: view } = await ctx.client.views.get(viewId);
    const { id, type } = view.parent;
    switch (parentKind(type)) {
      case 'workspace':
        ctx.scope.assertWorkspace(id, 'That view');
        assertWorkspaceViews(ctx, instead);
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
    return view;
  });
}
