import { must } from '../util/must';
import type { Store } from '../store/store';
import type { AttachmentRec } from '../store/types';
import { userRef } from './users';

/** ClickUp serves attachments from a per-workspace host: `https://t<ws>.p.clickup-attachments.com/t<ws>/<uuid>/<name>`. */
function urlOf(store: Store, a: AttachmentRec): string {
  const task = store.tasks.get(a.taskId);
  const ws = task ? store.workspaceOfTask(task) : store.defaultWorkspaceId;
  const uuid = a.id.split('.')[0];
  return `https://t${ws}.p.clickup-attachments.com/t${ws}/${uuid}/${encodeURIComponent(a.title)}`;
}

function thumbnail(store: Store, a: AttachmentRec, size: string): string {
  return a.mimeType.startsWith('image/')
    ? urlOf(store, a).replace(/\/([^/]+)$/, `/${size}_$1`)
    : `https://app-cdn.clickup.com/assets/attachments/${a.extension || 'file'}.png`;
}

/** The v2 Create Task Attachment answer. */
export function v2Attachment(store: Store, a: AttachmentRec): Record<string, unknown> {
  return {
    id: a.id,
    version: '0',
    date: a.dateCreated,
    title: a.title,
    extension: a.extension,
    thumbnail_small: thumbnail(store, a, 'small'),
    thumbnail_large: thumbnail(store, a, 'large'),
    url: urlOf(store, a),
  };
}

/** The v3 Attachment object. */
export function v3Attachment(store: Store, a: AttachmentRec): Record<string, unknown> {
  return {
    id: a.id,
    title: a.title,
    url: urlOf(store, a),
    extension: a.extension,
    mime_type: a.mimeType,
    size: a.size,
    date_created: a.dateCreated,
    date_updated: a.dateCreated,
    parent_id: a.taskId,
    parent_entity_type: 'attachments',
    user_id: a.userId,
    signed: false,
    thumbnail_small: thumbnail(store, a, 'small'),
    thumbnail_medium: thumbnail(store, a, 'medium'),
    thumbnail_large: thumbnail(store, a, 'large'),
  };
}

/** An attachment as Get Task lists it, in `attachments` (present only on tasks that have some). */
export function taskAttachment(store: Store, a: AttachmentRec): Record<string, unknown> {
  return {
    id: a.id,
    date: a.dateCreated,
    title: a.title,
    type: 1,
    source: 1,
    version: 0,
    extension: a.extension,
    thumbnail_small: thumbnail(store, a, 'small'),
    thumbnail_medium: thumbnail(store, a, 'medium'),
    thumbnail_large: thumbnail(store, a, 'large'),
    is_folder: false,
    mimetype: a.mimeType,
    hidden: false,
    parent_id: a.taskId,
    size: a.size,
    total_comments: 0,
    resolved_comments: 0,
    user: userRef(must(store.users.get(a.userId))),
    deleted: false,
    url: urlOf(store, a),
  };
}
