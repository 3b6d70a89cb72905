import { ApiError, Errors } from '../http/api-error';
import { MultipartBody, type UploadedFile } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { v2Attachment, v3Attachment } from '../serialize/attachments';
import type { AttachmentRec, TaskRec } from '../store/types';
import { resolveTask } from './task-lookup';

const ENTITY_TYPES = ['attachments', 'custom_fields'];

/** The upload's file part; ClickUp's v2 form names it `attachment` (sent as `attachment[]` by some clients). */
function uploadedFile(
  ctx: Ctx,
  fields: readonly string[] | null,
): { file: UploadedFile; form: MultipartBody } {
  const form = ctx.body;
  if (!(form instanceof MultipartBody) || form.malformed)
    throw Errors.invalid('Attachments are uploaded as multipart/form-data', 'ATTACH_001');
  if (form.tooLarge) throw new ApiError(413, 'Attachment too large', 'ATTACH_013');
  const file = form.files.find((f) => fields === null || fields.includes(f.field));
  if (!file) throw Errors.invalid('No attachment supplied', 'ATTACH_002');
  if (file.bytes.length === 0) throw Errors.invalid('Attachment is empty', 'ATTACH_003');
  return { file, form };
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

function store(ctx: Ctx, t: TaskRec, file: UploadedFile, title: string): AttachmentRec {
  const extension = extensionOf(title);
  const uuid = ctx.store.ids.uuid('attachment');
  const rec: AttachmentRec = {
    id: extension ? `${uuid}.${extension}` : uuid,
    taskId: t.id,
    title,
    extension,
    mimeType: file.type || 'application/octet-stream',
    size: file.bytes.length,
    userId: ctx.principal.user.id,
    dateCreated: ctx.now,
  };
  const list = ctx.store.attachments.get(t.id) ?? [];
  list.push(rec);
  ctx.store.attachments.set(t.id, list);
  t.dateUpdated = ctx.now;
  return rec;
}

/** The task a v3 attachments path names: `entity_type` `attachments` means a task of that workspace. */
function v3Task(ctx: Ctx): TaskRec | null {
  const ws = ctx.store.workspace(ctx.principal, ctx.params['workspace_id']);
  const type = ctx.params['entity_type'];
  if (!ENTITY_TYPES.includes(type))
    throw Errors.invalid('entity_type must be attachments or custom_fields', 'ATTACH_004');
  const id = ctx.params['entity_id'];
  if (type === 'custom_fields') {
    const f = ctx.store.fields.get(id);
    if (!f) throw Errors.notFound('Custom field not found', 'ATTACH_404');
    return null;
  }
  const t = ctx.store.tasks.get(id);
  if (!t || ctx.store.workspaceOfTask(t) !== ws.id) throw Errors.notFound('Task not found', 'ATTACH_404');
  ctx.store.task(ctx.principal, t.id);
  return t;
}

export function attachmentRoutes(r: RouteTable): void {
  r.v2('POST', '/task/:task_id/attachment', (ctx) => {
    const t = resolveTask(ctx);
    const { file } = uploadedFile(ctx, ['attachment', 'attachment[]']);
    const rec = store(ctx, t, file, file.name || 'file');
    return ok(v2Attachment(ctx.store, rec));
  });

  r.v3('GET', '/workspaces/:workspace_id/:entity_type/:entity_id/attachments', (ctx) => {
    const t = v3Task(ctx);
    const limit = ctx.query.int('limit') ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw Errors.invalid('limit must be an integer from 1 to 100', 'ATTACH_005');
    const raw = ctx.query.string('cursor');
    const start = raw ? Number(Buffer.from(raw, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw Errors.invalid('cursor is invalid', 'ATTACH_006');
    const all = t ? (ctx.store.attachments.get(t.id) ?? []) : [];
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : '';
    return ok({ data: page.map((a) => v3Attachment(ctx.store, a)), next_cursor: next });
  });

  r.v3('POST', '/workspaces/:workspace_id/:entity_type/:entity_id/attachments', (ctx) => {
    const t = v3Task(ctx);
    const { file, form } = uploadedFile(ctx, null);
    const title = form.fields['filename'] || file.name || 'file';
    if (!t) {
      // A file for a Files custom field waits, unattached, until Set Custom Field Value names it.
      const uuid = ctx.store.ids.uuid('attachment');
      const extension = extensionOf(title);
      const rec: AttachmentRec = {
        id: extension ? `${uuid}.${extension}` : uuid,
        taskId: ctx.params['entity_id'],
        title,
        extension,
        mimeType: file.type || 'application/octet-stream',
        size: file.bytes.length,
        userId: ctx.principal.user.id,
        dateCreated: ctx.now,
      };
      return ok({ ...v3Attachment(ctx.store, rec), parent_entity_type: 'custom_fields' });
    }
    return ok(v3Attachment(ctx.store, store(ctx, t, file, title)));
  });
}
