import { FOLDER, LIST, SPACE } from '../core/proofs';
import { defineGuard, guardTool, unproven } from '../core/tool-guard';
import {
  listCreateFromTemplateInput,
  taskCreateFromTemplateInput,
  templateListInput,
} from './templates.schemas';

// A template is applied through a path under the proven list, folder or space, and ClickUp looks it up in that
// location's workspace: a template of another workspace answers not found, and what is made lands in scope.
const TEMPLATE = unproven('applied under a proven list, folder or space, within that location’s workspace');

export const templatesGuard = defineGuard({
  tag: 'templates',
  tools: {
    template_list: guardTool(templateListInput, {
      ids: {},
      // The templates are the whole workspace's library, named by whoever made them in any space.
      pinned: (_args, ctx) =>
        ctx.scope.assertWorkspaceObjects(
          'Templates',
          'Template ids from an admin still work in your spaces.',
        ),
    }),
    task_create_from_template: guardTool(taskCreateFromTemplateInput, {
      ids: { list_id: LIST, template_id: TEMPLATE },
    }),
    list_create_from_template: guardTool(listCreateFromTemplateInput, {
      ids: { folder_id: FOLDER, space_id: SPACE, template_id: TEMPLATE },
    }),
  },
});
