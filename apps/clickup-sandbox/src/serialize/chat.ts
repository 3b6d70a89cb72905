import type { ChatChannelRec, ChatMessageRec } from '../store/types';
import { markdownToText } from '../util/markdown';

export type ChatContentFormat = 'text/md' | 'text/plain';

const LOCATION_TYPES = new Set([4, 5, 6]);

/** A Channel as v3 answers it: ids and times as strings, the creator's user id as a string. */
export function chatChannel(c: ChatChannelRec, latestCommentAt: number | null) {
  const base = `/api/v3/workspaces/${c.workspaceId}/chat/channels/${c.id}`;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    topic: c.topic,
    type: c.type,
    visibility: c.visibility,
    parent: { id: c.parent.id, type: c.parent.type },
    creator: String(c.creatorId),
    created_at: String(c.createdAt),
    updated_at: String(latestCommentAt ?? c.updatedAt),
    workspace_id: c.workspaceId,
    archived: c.archived,
    ...(latestCommentAt === null ? {} : { latest_comment_at: String(latestCommentAt) }),
    is_canonical_channel: LOCATION_TYPES.has(c.parent.type),
    links: { members: `${base}/members`, followers: `${base}/followers` },
  };
}

/** A top-level message (with `replies_count`) or a reply (with `parent_message`), as v3 answers them. */
export function chatMessage(
  m: ChatMessageRec,
  workspaceId: string,
  format: ChatContentFormat,
  repliesCount: number,
) {
  const base = `/api/v3/workspaces/${workspaceId}/chat/messages/${m.id}`;
  const common = {
    id: m.id,
    content: format === 'text/plain' ? markdownToText(m.content) : m.content,
    date: m.date,
    date_updated: m.dateUpdated,
    parent_channel: m.channelId,
    resolved: false,
    type: 'message',
    user_id: String(m.userId),
  };
  return m.parentMessageId === null
    ? {
        ...common,
        links: {
          reactions: `${base}/reactions`,
          replies: `${base}/replies`,
          tagged_users: `${base}/tagged_users`,
        },
        replies_count: repliesCount,
      }
    : {
        ...common,
        parent_message: m.parentMessageId,
        links: { reactions: `${base}/reactions`, tagged_users: `${base}/tagged_users` },
      };
}
