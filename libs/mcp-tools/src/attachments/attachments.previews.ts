import { previewOf } from '../previews/preview-reader';
import { oneLine, quoted } from '../previews/preview-text';
import { fileAsBase64, mimeTypeOf, sizeLabel } from './attachment-file';
import { attachmentUploadInput } from './attachments.schemas';

export const attachmentsPreviews = {
  attachment_upload: previewOf(attachmentUploadInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const { size } = fileAsBase64(args);
    const mimeType = mimeTypeOf(args.file_name, args.mime_type);
    return {
      kind: 'create',
      summary:
        `Attaches ${quoted(args.file_name)} (${sizeLabel(size)}, ${mimeType}) to task ` +
        `${quoted(task.name)} (${task.id})`,
      proposed: { file_name: oneLine(args.file_name), size, mime_type: mimeType },
      location: { type: 'task', id: task.id, name: oneLine(task.name) },
    };
  }),
};
