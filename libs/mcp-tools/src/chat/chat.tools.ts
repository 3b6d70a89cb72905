import { Injectable } from '@nestjs/common';
import type { ChatChannel, ChatMessage } from '@gw/clickup-client';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { foldName, timeFields } from '../core/format';
import { CREATE, READ, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';
import { chatGuard } from './chat.guard';
import { channelFilter, locationOf } from './chat.scope';
import {
  chatChannelListInput,
  chatChannelListOutput,
  chatChannelSchema,
  chatMessageListInput,
  chatMessageListOutput,
  chatMessageSchema,
  chatMessageSendInput,
  chatReactionAddInput,
  chatReactionAddOutput,
  chatReplySendInput,
  chatSentOutput,
} from './chat.schemas';

const CHANNEL_LIST = 'chat_channel_list';
const MESSAGE_LIST = 'chat_message_list';
/** ClickUp lists every channel of the workspace; the filters are applied here, over at most this many pages. */
const CHANNEL_PAGE = 100;
const MAX_CHANNEL_PAGES = 5;
/** Channels and messages an answer shows at most. */
const CHANNELS_SHOWN = 50;
const MESSAGES_SHOWN = 25;

function toChannel(c: ChatChannel): z.input<typeof chatChannelSchema> {
  const location = locationOf(c);
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    location: location ? `${location.type} ${location.id}` : null,
  };
}

function toMessage(m: ChatMessage): z.input<typeof chatMessageSchema> {
  return {
    id: m.id,
    user_id: m.user_id,
    text: m.content,
    ...timeFields('date', m.date),
    reply_count: m.replies_count ?? 0,
  };
}

/** The channel (or thread) a `chat_message_list` cursor belongs to, so a cursor of another is refused. */
function upstreamCursor(cursor: string | undefined, key: string): string | undefined {
  if (cursor === undefined) return undefined;
  const state = decodeCursor(MESSAGE_LIST, cursor);
  if (state['k'] !== key) {
    throw invalid('cursor: a next_cursor of another channel or thread; start without one', 'cursor');
  }
  return String(state['c']);
}

/** The channels of the workspace's listing that match the filters and the scope, resuming where a cursor left off. */
async function listChannels(args: z.output<typeof chatChannelListInput>, ctx: ToolContext) {
  const want = args.name === undefined ? null : foldName(args.name);
  const place = args.location_id;
  const visible = channelFilter(ctx);
  const matches = (c: ChatChannel) =>
    (want === null || foldName(c.name).includes(want)) && (place === undefined || c.parent?.id === place);
  const start = args.cursor ? decodeCursor(CHANNEL_LIST, args.cursor) : { c: '', i: 0 };
  let upstream = String(start['c']) || undefined;
  let skip = Number(start['i']);
  const items: ChatChannel[] = [];
  for (let pages = 0; pages < MAX_CHANNEL_PAGES; pages++) {
    const { data } = await ctx.client.chat.listChannels(ctx.scope.workspaceId, {
      cursor: upstream,
      limit: CHANNEL_PAGE,
    });
    const shown = await Promise.all(data.data.map((c, i) => (i >= skip && matches(c) ? visible(c) : false)));
    for (let i = skip; i < data.data.length; i++) {
      if (!shown[i]) continue;
      items.push(data.data[i]);
      if (items.length < CHANNELS_SHOWN) continue;
      // A full answer: the next starts after this channel, in this ClickUp page if it shows more, else the next page.
      if (shown.slice(i + 1).some(Boolean)) return { items, next: { c: upstream ?? '', i: i + 1 } };
      return { items, next: data.next_cursor === null ? null : { c: data.next_cursor, i: 0 } };
    }
    if (data.next_cursor === null) return { items, next: null };
    upstream = data.next_cursor;
    skip = 0;
  }
  return { items, next: { c: upstream ?? '', i: 0 } };
}

@Injectable()
export class ChatTools implements ToolGroup {
  readonly guard = chatGuard;
  readonly tools = [
    defineTool({
      name: CHANNEL_LIST,
      title: 'Chat channels',
      description: 'Chat channels and DMs, optionally by name or location.',
      method: 'list',
      tags: ['chat'],
      input: chatChannelListInput,
      output: chatChannelListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { items, next } = await listChannels(args, ctx);
        const cursor = next === null ? null : encodeCursor(CHANNEL_LIST, next);
        return { items: items.map(toChannel), next_cursor: cursor, truncated: cursor !== null };
      },
    }),
    defineTool({
      name: MESSAGE_LIST,
      title: 'Chat messages',
      description: "A channel's messages (or a message's replies), newest first, with reply counts.",
      method: 'list',
      tags: ['chat'],
      input: chatMessageListInput,
      output: chatMessageListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const ws = ctx.scope.workspaceId;
        const key = `${args.channel_id}/${args.message_id ?? ''}`;
        const page = { cursor: upstreamCursor(args.cursor, key), limit: MESSAGES_SHOWN };
        const { data } =
          args.message_id === undefined
            ? await ctx.client.chat.listMessages(ws, args.channel_id, page)
            : await ctx.client.chat.listReplies(ws, args.message_id, page);
        const items = data.data.map(toMessage);
        const next =
          data.next_cursor === null ? null : encodeCursor(MESSAGE_LIST, { c: data.next_cursor, k: key });
        return { items, next_cursor: next, truncated: next !== null };
      },
    }),
    defineTool({
      name: 'chat_message_send',
      title: 'Post a chat message',
      description: 'Posts in a chat channel.',
      method: 'create',
      tags: ['chat'],
      input: chatMessageSendInput,
      output: chatSentOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.chat.sendMessage(ctx.scope.workspaceId, args.channel_id, {
          type: 'message',
          content: args.text,
          content_format: 'text/md',
        });
        return { id: data.id };
      },
    }),
    defineTool({
      name: 'chat_reply_send',
      title: 'Reply in chat',
      description: "Replies in a message's thread.",
      method: 'create',
      tags: ['chat'],
      input: chatReplySendInput,
      output: chatSentOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.chat.sendReply(ctx.scope.workspaceId, args.message_id, {
          type: 'message',
          content: args.text,
          content_format: 'text/md',
        });
        return { id: data.id };
      },
    }),
    defineTool({
      name: 'chat_reaction_add',
      title: 'React in chat',
      description: 'Adds an emoji reaction.',
      method: 'create',
      tags: ['chat'],
      input: chatReactionAddInput,
      output: chatReactionAddOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        await ctx.client.chat.addReaction(ctx.scope.workspaceId, args.message_id, args.emoji);
        return { emoji: args.emoji };
      },
    }),
  ];
}
