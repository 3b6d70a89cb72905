import { FOLDER, LIST, SPACE } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { assertWorkspaceViews, provenView } from './view.scope';
import { viewListInput, viewTaskListInput } from './views.schemas';

/** A view id is proven by reading the view and proving its parent (see `provenView`). */
const VIEW = idProof('view', (id, _args, ctx) => provenView(ctx, id));

export const viewsGuard = defineGuard({
  tag: 'views',
  tools: {
    view_list: guardTool(viewListInput, {
      ids: { space_id: SPACE, folder_id: FOLDER, list_id: LIST },
      pinned: (args, ctx) => {
        if (!args.space_id && !args.folder_id && !args.list_id) assertWorkspaceViews(ctx);
      },
    }),
    view_task_list: guardTool(viewTaskListInput, { ids: { view_id: VIEW } }),
  },
});
