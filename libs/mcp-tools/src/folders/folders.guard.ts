import { FOLDER, SPACE } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import {
  folderCreateInput,
  folderDeleteInput,
  folderGetInput,
  folderListInput,
  folderUpdateInput,
} from './folders.schemas';

export const foldersGuard = defineGuard({
  tag: 'folders',
  tools: {
    folder_list: guardTool(folderListInput, { ids: { space_id: SPACE } }),
    folder_get: guardTool(folderGetInput, { ids: { folder_id: FOLDER } }),
    folder_create: guardTool(folderCreateInput, { ids: { space_id: SPACE } }),
    folder_update: guardTool(folderUpdateInput, { ids: { folder_id: FOLDER } }),
    folder_delete: guardTool(folderDeleteInput, { ids: { folder_id: FOLDER } }),
  },
});
