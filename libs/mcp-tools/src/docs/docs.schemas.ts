import { z } from 'zod';
import { idField, nameField, rule, textField } from '../core/input-fields';

const docId = idField('From doc_search');
const pageId = idField('From doc_page_list');
const markdown = textField(200_000);

export const DOC_PARENT_TYPES = ['space', 'folder', 'list', 'everything', 'workspace'] as const;

export const docSchema = z.object({
  id: z.string(),
  name: z.string(),
  parent_type: z.enum(DOC_PARENT_TYPES).nullable(),
  parent_id: z.string().nullable(),
  date_updated_ms: z.number().nullable(),
  date_updated_iso: z.string().nullable(),
  url: z.string(),
});

export const docSearchInput = z.object({
  query: textField(200).optional().describe('Words of the name'),
  parent_id: idField('Space, folder or list id').optional(),
  in_content: z.boolean().default(false).describe('Also search page text (slower)'),
  limit: z.number().int().min(1).max(100).default(20).describe('Page size'),
  cursor: z.string().optional().describe('next_cursor'),
});

export const docSearchOutput = z.object({
  items: z.array(docSchema.extend({ page_id: z.string().optional(), page_name: z.string().optional() })),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const docGetInput = z.object({ doc_id: docId });

export const docCreateInput = z
  .object({
    name: nameField(300).describe('Doc name'),
    space_id: idField('Parent; or folder_id or list_id').optional(),
    folder_id: idField('From workspace_hierarchy').optional(),
    list_id: idField('From workspace_hierarchy').optional(),
    visibility: z.enum(['public', 'private']).optional().describe('Default private'),
    content: markdown.optional().describe('First page markdown'),
  })
  .refine(
    (a) => [a.space_id, a.folder_id, a.list_id].filter((v) => v !== undefined).length <= 1,
    rule('Give at most one of space_id, folder_id and list_id.', 'space_id'),
  );

export const docCreateOutput = docSchema.extend({ page_id: z.string().nullable() });

export const docPageListInput = z.object({
  doc_id: docId,
  max_depth: z.number().int().min(0).max(20).optional().describe('0: top level only; default all'),
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
  format: z.enum(['markdown', 'plain']).default('markdown').describe('Content format'),
});

export const docPageGetOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  name: z.string(),
  content: z.string(),
  content_truncated: z.boolean(),
  date_updated_ms: z.number().nullable(),
  date_updated_iso: z.string().nullable(),
});

export const docPageCreateInput = z.object({
  doc_id: docId,
  name: nameField(300).describe('Page name'),
  content: markdown.optional().describe('Markdown'),
  parent_page_id: idField('From doc_page_list').optional(),
  sub_title: textField(300).optional().describe('Subtitle'),
});

export const docPageCreateOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  name: z.string(),
  parent_page_id: z.string().nullable(),
});

export const docPageUpdateInput = z
  .object({
    doc_id: docId,
    page_id: pageId,
    content: markdown.optional().describe('Markdown'),
    mode: z.enum(['replace', 'append', 'prepend']).default('replace').describe('How content applies'),
    name: nameField(300).optional().describe('New page name'),
    sub_title: textField(300).optional().describe('Subtitle'),
  })
  .refine(
    (a) => a.content !== undefined || a.name !== undefined || a.sub_title !== undefined,
    rule('Nothing to change: give content, name or sub_title.', 'content'),
  );

export const docPageUpdateOutput = z.object({
  id: z.string(),
  doc_id: z.string(),
  updated: z.literal(true),
});
