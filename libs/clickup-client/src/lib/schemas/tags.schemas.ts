import { z } from 'zod';
import { nullableStringSchema, numberishSchema } from './common.schemas';

export const tagSchema = z.object({
  name: z.string(),
  tag_fg: nullableStringSchema,
  tag_bg: nullableStringSchema,
  creator: numberishSchema.optional(),
});
export type Tag = z.output<typeof tagSchema>;

export const getSpaceTagsResponse = z.object({ tags: z.array(tagSchema) }).transform((r) => r.tags);
