import { z } from 'zod';
import { idSchema, nullableStringSchema } from './common.schemas';

/** 4 Space, 5 Folder, 6 List, 7 Everything (the workspace), as Docs count them. */
export const viewParentSchema = z.object({ id: idSchema, type: z.number() });

export const viewSchema = z.object({
  id: z.string(),
  name: nullableStringSchema,
  type: z.string(),
  parent: viewParentSchema,
  filters: z
    .object({ show_closed: z.boolean().optional(), search: z.string().nullish() })
    .passthrough()
    .nullish(),
});
export type View = z.output<typeof viewSchema>;

/** `{view}`, or (the spec's second example, a form view) the view's fields flat beside `view: null`. */
export const getViewResponse = z
  .union([z.object({ view: viewSchema }), viewSchema.extend({ view: z.null() })])
  .transform((r) => r.view ?? (r as View));
