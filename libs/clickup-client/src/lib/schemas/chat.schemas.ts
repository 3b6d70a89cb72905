import { z } from 'zod';
import { idSchema, nullableBooleanSchema, nullableStringSchema, numberishSchema } from './common.schemas';

// v3 Chat answers (API-NOTES §18). User ids come as strings here; they are read as numbers like everywhere else.

const userIdOrNull = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) =>
    v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v),
  );

/** `next_cursor` is required and a string; an empty or absent one ends the list. */
const nextCursor = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

export const chatChannelSchema = z.object({
  id: idSchema,
  name: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  type: z.string(),
  visibility: nullableStringSchema,
  /** 4 Space, 5 Folder, 6 List; a workspace-wide channel or a DM has the workspace (or nothing) here. */
  parent: z
    .object({ id: idSchema, type: numberishSchema })
    .nullish()
    .transform((v) => v ?? null),
  workspace_id: idSchema,
  archived: nullableBooleanSchema,
  latest_comment_at: numberishSchema,
});
export type ChatChannel = z.output<typeof chatChannelSchema>;

export const chatChannelPageSchema = z.object({ data: z.array(chatChannelSchema), next_cursor: nextCursor });
export const chatChannelResponse = z.object({ data: chatChannelSchema }).transform((r) => r.data);

export const chatMessageSchema = z.object({
  id: idSchema,
  content: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  date: numberishSchema,
  user_id: userIdOrNull,
  parent_channel: idSchema,
  parent_message: nullableStringSchema,
  type: nullableStringSchema,
  /** Replies carry none. */
  replies_count: numberishSchema,
});
export type ChatMessage = z.output<typeof chatMessageSchema>;

export const chatMessagePageSchema = z.object({ data: z.array(chatMessageSchema), next_cursor: nextCursor });
export type ChatMessagePage = z.output<typeof chatMessagePageSchema>;

export const chatReactionSchema = z.object({
  reaction: z.string(),
  user_id: userIdOrNull,
  date: numberishSchema,
});
export const chatReactionPageSchema = z.object({
  data: z.array(chatReactionSchema),
  next_cursor: nextCursor,
});
