import type { Folder } from '@gw/clickup-client';
import type { z } from 'zod';
import { toListSummary } from '../lists/lists.format';
import type { folderDetailSchema, folderSummarySchema } from './folders.schemas';

const activeLists = (folder: Folder) => folder.lists.filter((l) => l.archived !== true);

export function toFolderSummary(folder: Folder): z.input<typeof folderSummarySchema> {
  return {
    id: folder.id,
    name: folder.name,
    space_id: folder.space?.id ?? null,
    task_count: folder.task_count,
    archived: folder.archived ?? false,
    lists: activeLists(folder).map((l) => ({ id: l.id, name: l.name })),
  };
}

export function toFolderDetail(folder: Folder): z.input<typeof folderDetailSchema> {
  const place = { folderId: folder.id, spaceId: folder.space?.id ?? null };
  return {
    id: folder.id,
    name: folder.name,
    space_id: folder.space?.id ?? null,
    space_name: folder.space?.name ?? null,
    task_count: folder.task_count,
    archived: folder.archived ?? false,
    override_statuses: folder.override_statuses ?? false,
    lists: activeLists(folder).map((l) => toListSummary(l, place)),
  };
}
