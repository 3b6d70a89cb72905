import { SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { tagListInput } from './tags.schemas';

export const tagsGuard = defineGuard({
  tag: 'tags',
  tools: { tag_list: guardTool(tagListInput, { ids: { space_id: SPACE } }) },
});
