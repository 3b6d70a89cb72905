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

/** The edit answers with the tag as `fg_color`/`bg_color` (the spec's names), or `tag_fg`/`tag_bg` (its example). */
export const editedSpaceTagResponse = z
  .object({
    tag: z
      .object({
        name: z.string(),
        fg_color: nullableStringSchema.optional(),
        bg_color: nullableStringSchema.optional(),
        tag_fg: nullableStringSchema.optional(),
        tag_bg: nullableStringSchema.optional(),
      })
      .nullish(),
  })
  .transform((r) =>
    r.tag
      ? {
          name: r.tag.name,
          tag_fg: r.tag.fg_color ?? r.tag.tag_fg ?? null,
          tag_bg: r.tag.bg_color ?? r.tag.tag_bg ?? null,
        }
      : null,
  );
