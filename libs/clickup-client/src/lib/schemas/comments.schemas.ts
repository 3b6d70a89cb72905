import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableStringSchema,
  numberishSchema,
  timestampSchema,
  userSchema,
} from './common.schemas';

export const commentSchema = z.object({
  id: idSchema,
  comment: listOf(z.object({ text: z.string().optional(), type: z.string().optional() })),
  comment_text: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  user: userSchema.nullish().transform((v) => v ?? null),
  resolved: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  assignee: userSchema.nullish().transform((v) => v ?? null),
  assigned_by: userSchema.nullish().transform((v) => v ?? null),
  reactions: listOf(
    z.object({ reaction: z.string().optional(), date: timestampSchema, user: userSchema.optional() }),
  ),
  date: timestampSchema,
  reply_count: numberishSchema,
});
export type Comment = z.output<typeof commentSchema>;

export const getCommentsResponse = z
  .object({ comments: z.array(commentSchema) })
  .transform((r) => r.comments);

export const createdCommentSchema = z.object({
  id: idSchema,
  hist_id: nullableStringSchema,
  date: timestampSchema,
});
export type CreatedComment = z.output<typeof createdCommentSchema>;

/** The spec answers a reply with `{}`; the id and date are read when ClickUp sends them. */
export const createdReplySchema = z.object({
  id: idSchema.nullish().transform((v) => v ?? null),
  date: timestampSchema.optional().transform((v) => v ?? null),
});
