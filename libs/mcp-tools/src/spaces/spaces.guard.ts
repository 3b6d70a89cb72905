import { SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { forbidden } from '../core/tool-error';
import {
  spaceCreateInput,
  spaceDeleteInput,
  spaceGetInput,
  spaceListInput,
  spaceUpdateInput,
} from './spaces.schemas';

export const spacesGuard = defineGuard({
  tag: 'spaces',
  tools: {
    // Lists only the spaces the server may see (the handler filters them).
    space_list: guardTool(spaceListInput, { ids: {} }),
    space_get: guardTool(spaceGetInput, { ids: { space_id: SPACE } }),
    space_create: guardTool(spaceCreateInput, {
      ids: {},
      pinned: () => {
        throw forbidden('This MCP server is limited to some spaces, so it cannot create new ones.');
      },
    }),
    space_update: guardTool(spaceUpdateInput, { ids: { space_id: SPACE } }),
    space_delete: guardTool(spaceDeleteInput, { ids: { space_id: SPACE } }),
  },
});
