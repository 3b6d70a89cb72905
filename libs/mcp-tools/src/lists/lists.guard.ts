import { FOLDER, LIST, SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import {
  listCreateInput,
  listDeleteInput,
  listGetInput,
  listListInput,
  listUpdateInput,
} from './lists.schemas';

export const listsGuard = defineGuard({
  tag: 'lists',
  tools: {
    list_list: guardTool(listListInput, { ids: { folder_id: FOLDER, space_id: SPACE } }),
    list_get: guardTool(listGetInput, { ids: { list_id: LIST } }),
    list_create: guardTool(listCreateInput, { ids: { folder_id: FOLDER, space_id: SPACE } }),
    list_update: guardTool(listUpdateInput, { ids: { list_id: LIST } }),
    list_delete: guardTool(listDeleteInput, { ids: { list_id: LIST } }),
  },
});
