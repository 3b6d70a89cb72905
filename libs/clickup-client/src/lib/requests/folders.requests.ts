import { compact, path, query, type ClickUpRequest } from '../request';

export type CreateFolderBody = {
  name: string;
  /** Creates a subfolder; the parent must be in the same Space and the Workspace needs subfolder support. */
  parent_folder_id?: string;
};
export type UpdateFolderBody = { name: string };

export const folderRequests = {
  list: (spaceId: string | number, options: { archived?: boolean } = {}): ClickUpRequest<'getFolders'> => ({
    operation: 'getFolders',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}/folder`,
    query: query({ archived: options.archived }),
  }),
  get: (
    folderId: string | number,
    options: { includeSubfolders?: boolean } = {},
  ): ClickUpRequest<'getFolder'> => ({
    operation: 'getFolder',
    method: 'GET',
    version: 'v2',
    path: path`/folder/${folderId}`,
    query: query({ include_subfolders: options.includeSubfolders }),
  }),
  create: (spaceId: string | number, body: CreateFolderBody): ClickUpRequest<'createFolder'> => ({
    operation: 'createFolder',
    method: 'POST',
    version: 'v2',
    path: path`/space/${spaceId}/folder`,
    query: {},
    body: compact(body),
  }),
  update: (folderId: string | number, body: UpdateFolderBody): ClickUpRequest<'updateFolder'> => ({
    operation: 'updateFolder',
    method: 'PUT',
    version: 'v2',
    path: path`/folder/${folderId}`,
    query: {},
    body: compact(body),
  }),
  delete: (folderId: string | number): ClickUpRequest<'deleteFolder'> => ({
    operation: 'deleteFolder',
    method: 'DELETE',
    version: 'v2',
    path: path`/folder/${folderId}`,
    query: {},
  }),
};
