import { SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { tagCreateInput, tagDeleteInput, tagListInput, tagUpdateInput } from './tags.schemas';

export const tagsGuard = defineGuard({
  tag: 'tags',
  tools: {
    tag_list: guardTool(tagListInput, { ids: { space_id: SPACE } }),
    tag_create: guardTool(tagCreateInput, { ids: { space_id: SPACE } }),
    tag_update: guardTool(tagUpdateInput, { ids: { space_id: SPACE } }),
    tag_delete: guardTool(tagDeleteInput, { ids: { space_id: SPACE } }),
  },
});
