import { z } from 'zod';
import { idSchema, nullableStringSchema } from './common.schemas';
import { taskPageSchema } from './tasks.schemas';

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

/** The views of a location; ClickUp may send the views a location requires apart, in `required_views`. */
export const getViewsResponse = z
  .object({ views: z.array(viewSchema), required_views: z.record(z.string(), z.unknown()).nullish() })
  .transform((r) => r.views);

/** `{view}`, or (the spec's second example, a form view) the view's fields flat beside `view: null`. */
export const getViewResponse = z
  .union([z.object({ view: viewSchema }), viewSchema.extend({ view: z.null() })])
  .transform((r) => r.view ?? (r as View));

/**
 * One page of a view's tasks. The spec's example sends a task's `custom_fields` as one object instead of the array
 * every other task answer has; such an object is read as a list of one.
 */
export const viewTasksResponse = z.preprocess((body) => {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { tasks?: unknown }).tasks))
    return body;
  const page = body as { tasks: Array<Record<string, unknown>> };
  return {
    ...page,
    tasks: page.tasks.map((t) =>
      t.custom_fields && !Array.isArray(t.custom_fields) ? { ...t, custom_fields: [t.custom_fields] } : t,
    ),
  };
}, taskPageSchema);
