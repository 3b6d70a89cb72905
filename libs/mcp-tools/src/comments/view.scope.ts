import type { View } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';
import { provenView } from '../views/view.scope';

/** ClickUp's type of a chat view, the only views with comments. */
export const CHAT_VIEW_TYPE = 'conversation';

/**
 * A chat view whose comments a call reads or writes: the view proof of the views group (its parent in scope, read
 * once per call), and it must be a chat view.
 */
export async function provenChatView(ctx: ToolContext, viewId: string): Promise<View> {
  const view = await provenView(ctx, viewId, '');
  if (view.type !== CHAT_VIEW_TYPE) {
    throw invalid(
      `view_id ${viewId} is a ${view.type} view; comments live on chat views (type ${CHAT_VIEW_TYPE}).`,
      'view_id',
    );
  }
  return view;
}
