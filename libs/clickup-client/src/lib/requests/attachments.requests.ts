import { path, query, type ClickUpRequest, type FormFile } from '../request';
import { customTaskIdQuery, type CustomTaskIdOptions } from './custom-task-ids';

export type AttachmentPage = {
  cursor?: string;
  /** 1 to 100; ClickUp's default is 50. */
  limit?: number;
};

export const attachmentRequests = {
  /** A task's attachments (v3: entity type `attachments` names a task; the id must be the task's own id). */
  listForTask: (
    workspaceId: string | number,
    taskId: string,
    page: AttachmentPage = {},
  ): ClickUpRequest<'getParentEntityAttachments'> => ({
    operation: 'getParentEntityAttachments',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/attachments/${taskId}/attachments`,
    query: query({ cursor: page.cursor, limit: page.limit }),
  }),
  /** Uploads one file to a task (v2, multipart field `attachment`). */
  uploadToTask: (
    taskId: string,
    file: Omit<FormFile, 'field'>,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'createTaskAttachment'> => ({
    operation: 'createTaskAttachment',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/attachment`,
    query: query(customTaskIdQuery(options)),
    form: { fields: {}, files: [{ field: 'attachment', ...file }] },
  }),
};
