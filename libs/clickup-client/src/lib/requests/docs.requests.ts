import { compact, path, query, type ClickUpRequest } from '../request';

/** 4 Space, 5 Folder, 6 List, 7 Everything, 12 Workspace. */
export type DocParentType = 4 | 5 | 6 | 7 | 12;
export type DocParentTypeName = 'SPACE' | 'FOLDER' | 'LIST' | 'EVERYTHING' | 'WORKSPACE';
export type ContentFormat = 'text/md' | 'text/plain';

export type DocSearchFilters = {
  id?: string;
  /** A user id. */
  creator?: number;
  deleted?: boolean;
  archived?: boolean;
  parentId?: string;
  parentType?: DocParentTypeName | `${DocParentType}`;
  /** 10 to 100; ClickUp's default is 50. */
  limit?: number;
  cursor?: string;
};

export type CreateDocBody = {
  name?: string;
  parent?: { id: string; type: DocParentType };
  visibility?: 'PUBLIC' | 'PRIVATE' | 'PERSONAL' | 'HIDDEN';
  /** Defaults to true. */
  create_page?: boolean;
};

export type CreatePageBody = {
  parent_page_id?: string;
  name?: string;
  sub_title?: string;
  content?: string;
  content_format?: ContentFormat;
};

export type EditPageBody = {
  name?: string;
  sub_title?: string;
  content?: string;
  content_edit_mode?: 'replace' | 'append' | 'prepend';
  content_format?: ContentFormat;
};

// v3 only, on the 2026 snake_case paths; `workspace_id` is the v2 team id.
export const docRequests = {
  search: (
    workspaceId: string | number,
    filters: DocSearchFilters = {},
  ): ClickUpRequest<'searchDocsPublic'> => ({
    operation: 'searchDocsPublic',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs`,
    query: query({
      id: filters.id,
      creator: filters.creator,
      deleted: filters.deleted,
      archived: filters.archived,
      parent_id: filters.parentId,
      parent_type: filters.parentType,
      limit: filters.limit,
      cursor: filters.cursor,
    }),
  }),
  get: (workspaceId: string | number, docId: string): ClickUpRequest<'getDocPublic'> => ({
    operation: 'getDocPublic',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}`,
    query: {},
  }),
  create: (workspaceId: string | number, body: CreateDocBody): ClickUpRequest<'createDocPublic'> => ({
    operation: 'createDocPublic',
    method: 'POST',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs`,
    query: {},
    body: compact(body),
  }),
  /** The page tree (ids and names); `maxPageDepth` -1 means all levels. */
  pageListing: (
    workspaceId: string | number,
    docId: string,
    options: { maxPageDepth?: number } = {},
  ): ClickUpRequest<'getDocPageListingPublic'> => ({
    operation: 'getDocPageListingPublic',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}/page_listing`,
    query: query({ max_page_depth: options.maxPageDepth }),
  }),
  pages: (
    workspaceId: string | number,
    docId: string,
    options: { maxPageDepth?: number; contentFormat?: ContentFormat } = {},
  ): ClickUpRequest<'getDocPagesPublic'> => ({
    operation: 'getDocPagesPublic',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}/pages`,
    query: query({ max_page_depth: options.maxPageDepth, content_format: options.contentFormat }),
  }),
  getPage: (
    workspaceId: string | number,
    docId: string,
    pageId: string,
    options: { contentFormat?: ContentFormat } = {},
  ): ClickUpRequest<'getPagePublic'> => ({
    operation: 'getPagePublic',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}/pages/${pageId}`,
    query: query({ content_format: options.contentFormat }),
  }),
  createPage: (
    workspaceId: string | number,
    docId: string,
    body: CreatePageBody,
  ): ClickUpRequest<'createPagePublic'> => ({
    operation: 'createPagePublic',
    method: 'POST',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}/pages`,
    query: {},
    body: compact(body),
  }),
  editPage: (
    workspaceId: string | number,
    docId: string,
    pageId: string,
    body: EditPageBody,
  ): ClickUpRequest<'editPagePublic'> => ({
    operation: 'editPagePublic',
    method: 'PUT',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/docs/${docId}/pages/${pageId}`,
    query: {},
    body: compact(body),
  }),
};
