import { z } from 'zod';

const docId = z.string().min(1).describe('doc_id: from doc_search.');
const pageId = z.string().min(1).describe('page_id: from doc_page_list.');
const markdown = z.string().max(200_000);

export const DOC_PARENT_TYPES = ['space', 'folder', 'list', 'everything', 'workspace'] as const;

export const docSchema = z.object({
  id: z.string(),
  name: z.string(),
  parent_type: z.enum(DOC_PARENT_TYPES).nullable(),
  parent_id: z.string().nullable(),
  public: z.boolean().nullable(),
  creator_id: z.number().nullable(),
  date_created_ms: z.number().nullable(),
  date_created_iso: z.string().nullable(),
  date_updated_ms: z.number().nullable(),
  date_updated_iso: z.string().nullable(),
  url: z.string(),
});

export const docSearchInput = z.object({
  query: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Words of the doc name (case- and accent-insensitive).'),
  parent_id: z.string().min(1).optional().describe('Only docs directly in this space, folder or list.'),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().optional().describe('next_cursor of the previous call, with the same filters.'),
});

export const docSearchOutput = z.object({
  items: z.array(docSchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const docGetInput = z.object({ doc_id: docId });

export const docCreateInput = z.object({
  name: z.string().trim().min(1).max(300),
  space_id: z
    .string()
    .min(1)
    .optional()
    .describe('Parent space (workspace_hierarchy); or folder_id or list_id.'),
  folder_id: z.string().min(1).optional(),
  list_id: z.string().min(1).optional(),
  visibility: z.enum(['public', 'private']).optional(),
  content: markdown.optional().describe('Markdown of the first page.'),
});

export const docCreateOutput = docSchema.extend({ page_id: z.string().nullable() });

export const docPageListInput = z.object({
  doc_id: docId,
  max_depth: z.number().int().min(0).max(20).optional().describe('0: top-level pages only. Default: all.'),
});

export const docPageListOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parent_page_id: z.string().nullable(),
      depth: z.number().int(),
    }),
  ),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const docPageGetInput = z.object({
  doc_id: docId,
  page_id: pageId,
  format: z.enum(['markdown', 'plain']).default('markdown'),
});

export const docPageGetOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  name: z.string(),
  sub_title: z.string().nullable(),
  parent_page_id: z.string().nullable(),
  content: z.string(),
  content_truncated: z.boolean(),
  date_updated_ms: z.number().nullable(),
  date_updated_iso: z.string().nullable(),
});

export const docPageCreateInput = z.object({
  doc_id: docId,
  name: z.string().trim().min(1).max(300),
  content: markdown.optional().describe('Markdown.'),
  parent_page_id: z.string().min(1).optional().describe('Nest under this page.'),
  sub_title: z.string().max(300).optional(),
});

export const docPageCreateOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  name: z.string(),
  parent_page_id: z.string().nullable(),
});

export const docPageUpdateInput = z.object({
  doc_id: docId,
  page_id: pageId,
  content: markdown.optional().describe('Markdown.'),
  mode: z.enum(['replace', 'append', 'prepend']).default('replace').describe('How content is applied.'),
  name: z.string().trim().min(1).max(300).optional(),
  sub_title: z.string().max(300).optional(),
});

export const docPageUpdateOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  updated: z.literal(true),
});
