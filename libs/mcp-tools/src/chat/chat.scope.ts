import { cursorPages, type ChatChannel, type ChatMessage } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden, notFound } from '../core/tool-error';

/** Where a channel lives: ClickUp's parent types 4, 5 and 6; anything else is the workspace as a whole (or a DM). */
const LOCATION_TYPES = { 4: 'space', 5: 'folder', 6: 'list' } as const;
export type ChannelLocation = { type: 'space' | 'folder' | 'list'; id: string };

/** ClickUp has no "get message": a message is found by reading its channel, newest first, 100 per page. */
const SCAN_PAGE = 100;
const MAX_SCAN_PAGES = 10;

export function locationOf(channel: ChatChannel): ChannelLocation | null {
  const type = LOCATION_TYPES[channel.parent?.type as keyof typeof LOCATION_TYPES];
  return type && channel.parent ? { type, id: channel.parent.id } : null;
}

/**
 * Whether a channel of this workspace is in scope: a channel on a space, folder or list follows that location; a
 * workspace channel or a direct message belongs to no space, so only a server not pinned to spaces reaches it.
 */
async function assertInScope(ctx: ToolContext, channel: ChatChannel): Promise<void> {
  ctx.scope.assertWorkspace(channel.workspace_id, 'That channel');
  const location = locationOf(channel);
  if (location === null) {
    if (ctx.scope.spaceIds) {
      throw forbidden(
        'That channel belongs to the whole workspace (a workspace channel or a direct message), and this MCP ' +
          'server is pinned to spaces: use the channel of a space, folder or list in them.',
      );
    }
    return;
  }
  if (location.type === 'space') await ctx.scope.checkSpace(ctx.client, location.id, 'That channel');
  else if (location.type === 'folder') await ctx.scope.folder(ctx.client, location.id);
  else await ctx.scope.checkList(ctx.client, location.id);
}

/** A channel this server may reach, read once per call: the guard's proof and the handler share the read. */
export function provenChannel(ctx: ToolContext, channelId: string): Promise<ChatChannel> {
  return ctx.scope.once(`chat channel ${channelId}`, async () => {
    const { data } = await ctx.client.chat.getChannel(ctx.scope.workspaceId, channelId);
    await assertInScope(ctx, data);
    return data;
  });
}

function isDenial(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}

/** Whether a channel from the workspace's listing is shown: the same rule as the proof, a refusal meaning no. */
export function channelFilter(ctx: ToolContext): (channel: ChatChannel) => Promise<boolean> {
  // The workspace's own listing needs no location read on a server of the whole workspace.
  if (!ctx.scope.spaceIds) return async (channel) => ctx.scope.inWorkspace(channel.workspace_id);
  return (channel) =>
    assertInScope(ctx, channel).then(
      () => true,
      (error: unknown) => {
        if (isDenial(error)) return false;
        throw error;
      },
    );
}

/**
 * A top-level message of the (proven) channel, found among its latest messages: ClickUp's message paths name no
 * channel, so the channel is what proves the message, and a message of another channel is not found.
 */
export function provenMessage(ctx: ToolContext, channelId: string, messageId: string): Promise<ChatMessage> {
  return ctx.scope.once(`chat message ${channelId} ${messageId}`, async () => {
    await provenChannel(ctx, channelId);
    const pages = cursorPages(
      async (cursor) => {
        const { data } = await ctx.client.chat.listMessages(ctx.scope.workspaceId, channelId, {
          cursor,
          limit: SCAN_PAGE,
        });
        return { items: data.data, nextCursor: data.next_cursor };
      },
      { maxPages: MAX_SCAN_PAGES },
    );
    for await (const page of pages) {
      const found = page.items.find((m) => m.id === messageId);
      if (found) return found;
    }
    throw notFound(
      `No message ${messageId} among the latest ${SCAN_PAGE * MAX_SCAN_PAGES} of that channel ` +
        '(message ids come from chat_message_list; a reply is not a message here).',
    );
  });
}
