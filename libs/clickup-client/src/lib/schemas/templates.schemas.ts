import { z } from 'zod';
import { idSchema, nullableStringSchema } from './common.schemas';

/**
 * A template as the listings name it (`t-…` ids). The spec types Get Task Templates' items as strings while list
 * templates are `{id, name}` objects; both are read as `{id, name}`.
 */
export const templateSchema = z
  .union([z.object({ id: idSchema, name: nullableStringSchema }), z.string()])
  .transform((t) => (typeof t === 'string' ? { id: t, name: null } : t));
export type Template = z.output<typeof templateSchema>;

export const getTemplatesResponse = z
  .object({ templates: z.array(templateSchema) })
  .transform((r) => r.templates);

/** The task made from a template: ClickUp answers with its id (the spec leaves the object open). */
export const taskFromTemplateResponse = z
  .object({ id: idSchema.optional(), task: z.object({ id: idSchema }).passthrough().optional() })
  .passthrough()
  .transform((r) => ({ id: r.id ?? r.task?.id ?? null }));

/** The new list's id at once; `list` may still be copying when `return_immediately` is true. */
export const listFromTemplateResponse = z
  .object({ id: idSchema, list: z.object({ id: idSchema, name: z.string().optional() }).nullish() })
  .transform((r) => ({ id: r.id, name: r.list?.name ?? null }));
