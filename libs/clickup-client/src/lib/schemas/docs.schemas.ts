import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableBooleanSchema,
  nullableStringSchema,
  numberishSchema,
  timestampSchema,
} from './common.schemas';

const docParentSchema = z.object({ id: idSchema, type: numberishSchema });

export const docSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: numberishSchema,
  parent: docParentSchema.nullish().transform((v) => v ?? null),
  public: nullableBooleanSchema,
  workspace_id: idSchema,
  creator: numberishSchema,
  date_created: timestampSchema,
  date_updated: timestampSchema,
  deleted: nullableBooleanSchema,
  archived: nullableBooleanSchema,
});
export type Doc = z.output<typeof docSchema>;

export const docSearchResponse = z
  .object({ docs: z.array(docSchema), next_cursor: z.string().nullish() })
  .transform((r) => ({ docs: r.docs, next_cursor: r.next_cursor ? r.next_cursor : null }));
export type DocSearchPage = z.output<typeof docSearchResponse>;

const pageRefFields = {
  id: idSchema,
  doc_id: idSchema,
  parent_page_id: nullableStringSchema,
  workspace_id: idSchema,
  name: z.string(),
};

/** An entry of the page tree (`page_listing`): names and ids, children under `pages`. */
export type DocPageRef = z.output<z.ZodObject<typeof pageRefFields>> & { pages: DocPageRef[] };
export const docPageRefSchema: z.ZodType<DocPageRef> = z.object({
  ...pageRefFields,
  get pages() {
    return listOf(docPageRefSchema);
  },
});

const pageFields = {
  ...pageRefFields,
  sub_title: nullableStringSchema,
  content: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  date_created: timestampSchema,
  date_updated: timestampSchema,
  creator_id: numberishSchema,
  authors: listOf(z.number()),
  contributors: listOf(z.number()),
  deleted: nullableBooleanSchema,
  archived: nullableBooleanSchema,
  protected: nullableBooleanSchema,
};

/** A page with its content in the requested `content_format`. */
export type DocPage = z.output<z.ZodObject<typeof pageFields>> & { pages: DocPage[] };
export const docPageSchema: z.ZodType<DocPage> = z.object({
  ...pageFields,
  get pages() {
    return listOf(docPageSchema);
  },
});

export const docPageListingResponse = z.array(docPageRefSchema);
export const docPagesResponse = z.array(docPageSchema);
