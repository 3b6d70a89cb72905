import { Injectable } from '@nestjs/common';
import { epochMs, isoTime } from '../core/format';
import { CREATE, defineTool, READ, type ToolGroup } from '../core/tool';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { fileAsBase64, mimeTypeOf } from './attachment-file';
import { attachmentsGuard } from './attachments.guard';
import {
  attachmentListInput,
  attachmentListOutput,
  attachmentUploadInput,
  attachmentUploadOutput,
} from './attachments.schemas';

@Injectable()
export class AttachmentsTools implements ToolGroup {
  readonly guard = attachmentsGuard;
  readonly tools = [
    defineTool({
      name: 'attachment_list',
      title: 'List attachments',
      description: "A task's files: name, size, type, url.",
      method: 'list',
      tags: ['attachments'],
      input: attachmentListInput,
      output: attachmentListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        // v3 names a task by its own id: the guard's read of the task gives it for a custom id too.
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const cursor =
          args.cursor === undefined ? undefined : String(decodeCursor('attachment_list', args.cursor).c);
        const { data } = await ctx.client.attachments.listForTask(ctx.scope.workspaceId, task.id, {
          cursor,
          limit: 100,
        });
        const next = data.next_cursor ? encodeCursor('attachment_list', { c: data.next_cursor }) : null;
        return {
          items: data.attachments.map((a) => ({
            id: a.id,
            title: a.title,
            url: a.url,
            size: a.size,
            mime_type: a.mime_type,
            created_ms: epochMs(a.date_created),
            created_iso: isoTime(a.date_created),
          })),
          next_cursor: next,
          truncated: next !== null,
        };
      },
    }),
    defineTool({
      name: 'attachment_upload',
      title: 'Attach a file',
      description: 'Attaches a file (base64 or text, up to 3 MB) to a task.',
      method: 'create',
      tags: ['attachments'],
      input: attachmentUploadInput,
      output: attachmentUploadOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const file = fileAsBase64(args);
        const mimeType = mimeTypeOf(args.file_name, args.mime_type);
        const { data } = await ctx.client.attachments.uploadToTask(task.id, {
          file_name: args.file_name,
          mime_type: mimeType,
          content_base64: file.base64,
        });
        return { id: data.id, url: data.url, size: file.size };
      },
    }),
  ];
}
