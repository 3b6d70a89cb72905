import { compact, path, query, type ClickUpRequest } from '../request';
import type { ContentFormat } from './docs.requests';

/** Cursor paging of the v3 Chat lists: `limit` 1–100 (ClickUp's default 50), `cursor` from `next_cursor`. */
export type ChatPage = { cursor?: string; limit?: number };

export type ChatMessageBody = {
  /** `post` needs `post_data`; plain messages are `message`. */
  type: 'message' | 'post';
  /** At most 40,000 characters. */
  content: string;
  /** ClickUp's default is `text/md`. */
  content_format?: ContentFormat;
};

// v3 only; `workspace_id` is the v2 team id. A message path names no channel: ClickUp finds the message by id.
export const chatRequests = {
  listChannels: (
    workspaceId: string | number,
    options: ChatPage & { includeClosed?: boolean } = {},
  ): ClickUpRequest<'getChatChannels'> => ({
    operation: 'getChatChannels',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/channels`,
    query: query({ cursor: options.cursor, limit: options.limit, include_closed: options.includeClosed }),
  }),
  getChannel: (workspaceId: string | number, channelId: string): ClickUpRequest<'getChatChannel'> => ({
    operation: 'getChatChannel',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/channels/${channelId}`,
    query: {},
  }),
  /** A channel's top-level messages, newest first. */
  listMessages: (
    workspaceId: string | number,
    channelId: string,
    options: ChatPage & { contentFormat?: ContentFormat } = {},
  ): ClickUpRequest<'getChatMessages'> => ({
    operation: 'getChatMessages',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/channels/${channelId}/messages`,
    query: query({ cursor: options.cursor, limit: options.limit, content_format: options.contentFormat }),
  }),
  sendMessage: (
    workspaceId: string | number,
    channelId: string,
    body: ChatMessageBody,
  ): ClickUpRequest<'createChatMessage'> => ({
    operation: 'createChatMessage',
    method: 'POST',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/channels/${channelId}/messages`,
    query: {},
    body: compact(body),
  }),
  /** The replies to a message, newest first. */
  listReplies: (
    workspaceId: string | number,
    messageId: string,
    options: ChatPage & { contentFormat?: ContentFormat } = {},
  ): ClickUpRequest<'getChatMessageReplies'> => ({
    operation: 'getChatMessageReplies',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/messages/${messageId}/replies`,
    query: query({ cursor: options.cursor, limit: options.limit, content_format: options.contentFormat }),
  }),
  sendReply: (
    workspaceId: string | number,
    messageId: string,
    body: ChatMessageBody,
  ): ClickUpRequest<'createReplyMessage'> => ({
    operation: 'createReplyMessage',
    method: 'POST',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/messages/${messageId}/replies`,
    query: {},
    body: compact(body),
  }),
  listReactions: (
    workspaceId: string | number,
    messageId: string,
    options: ChatPage = {},
  ): ClickUpRequest<'getChatMessageReactions'> => ({
    operation: 'getChatMessageReactions',
    method: 'GET',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/messages/${messageId}/reactions`,
    query: query({ cursor: options.cursor, limit: options.limit }),
  }),
  /** `reaction` is an emoji's name (`thumbsup`); ClickUp answers 400 for an unknown one or one already given. */
  addReaction: (
    workspaceId: string | number,
    messageId: string,
    reaction: string,
  ): ClickUpRequest<'createChatReaction'> => ({
    operation: 'createChatReaction',
    method: 'POST',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/chat/messages/${messageId}/reactions`,
    query: {},
    body: { reaction },
  }),
};
