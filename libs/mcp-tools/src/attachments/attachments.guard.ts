import { TASK } from '../core/proofs';
import { defineGuard, guardTool } from '../core/tool-guard';
import { attachmentListInput, attachmentUploadInput } from './attachments.schemas';

export const attachmentsGuard = defineGuard({
  tag: 'attachments',
  tools: {
    attachment_list: guardTool(attachmentListInput, { ids: { task_id: TASK } }),
    attachment_upload: guardTool(attachmentUploadInput, { ids: { task_id: TASK } }),
  },
});
