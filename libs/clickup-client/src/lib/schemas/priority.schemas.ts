import { z } from 'zod';
import { idSchema, nullableStringSchema } from './common.schemas';

const PRIORITY_NAMES: Record<string, string> = { '1': 'urgent', '2': 'high', '3': 'normal', '4': 'low' };

/**
 * A priority reads as `{id, priority, color, orderindex}` on tasks, `{priority, color}` on Lists, or null;
 * some spec examples send the bare level (`1`), which is read as that level.
 */
export const prioritySchema = z
  .union([
    z.object({
      id: idSchema.optional(),
      priority: z.string(),
      color: nullableStringSchema,
      orderindex: idSchema.optional(),
    }),
    z.number(),
    z.string(),
    z.null(),
  ])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'object') return { id: v.id ?? null, priority: v.priority, color: v.color };
    const level = String(v);
    return { id: level, priority: PRIORITY_NAMES[level] ?? level, color: null };
  });
export type Priority = NonNullable<z.output<typeof prioritySchema>>;
