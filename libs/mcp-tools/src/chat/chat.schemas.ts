import { z } from 'zod';
import { idField, nameField } from '../core/input-fields';

const channelId = idField('From chat_channel_list');
const messageId = idField('From chat_message_list');
const text = nameField(40_000).describe('Markdown');
const cursor = z.string().optional().describe('next_cursor');

export const chatChannelListInput = z.object({
  name: z.string().optional().describe('Part of the name'),
  location_id: idField('A space, folder or list id').optional(),
  cursor,
});

export const chatChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** CHANNEL, DM or GROUP_DM. */
  type: z.string(),
  /** `space 901…`, `folder …`, `list …`; null for a workspace channel or a DM. */
  location: z.string().nullable(),
});

export const chatChannelListOutput = z.object({
  items: z.array(chatChannelSchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const chatMessageListInput = z.object({
  channel_id: channelId,
  message_id: messageId.optional().describe('Its replies instead'),
  cursor,
});

export const chatMessageSchema = z.object({
  id: z.string(),
  user_id: z.number().nullable(),
  text: z.string(),
  date_ms: z.number().nullable(),
  date_iso: z.string().nullable(),
  /** 0 for a reply. */
  reply_count: z.number(),
});

export const chatMessageListOutput = z.object({
  items: z.array(chatMessageSchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const chatMessageSendInput = z.object({ channel_id: channelId, text });

export const chatReplySendInput = z.object({ channel_id: channelId, message_id: messageId, text });

export const chatSentOutput = z.object({ id: z.string() });

export const chatReactionAddInput = z.object({
  channel_id: channelId,
  message_id: messageId,
  emoji: z
    .string()
    .transform((raw, ctx) => {
      const name = raw.trim().replace(/^:(.*):$/, '$1');
      if (/^[a-z0-9_+-]{1,64}$/.test(name)) return name;
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(raw.slice(0, 40))} is not an emoji name; give one such as thumbsup or tada`,
      });
      return z.NEVER;
    })
    .describe('e.g. thumbsup'),
});

export const chatReactionAddOutput = z.object({ emoji: z.string() });
