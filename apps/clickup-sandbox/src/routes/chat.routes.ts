import { Errors } from '../http/api-error';
import { bodyObject, field, type Json } from '../http/body';
import type { Ctx, Reply } from '../http/context';
import { created, ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { chatChannel, chatMessage, type ChatContentFormat } from '../serialize/chat';
import type { ChatChannelRec, ChatMessageRec, WorkspaceRec } from '../store/types';

const MAX_CONTENT = 40_000;

/** Emoji names a reaction may use (ClickUp answers 400 for a reaction it does not support). */
const REACTIONS = new Set([
  '+1',
  '-1',
  '100',
  'clap',
  'eyes',
  'fire',
  'heart',
  'joy',
  'ok_hand',
  'pray',
  'raised_hands',
  'rocket',
  'smile',
  'tada',
  'thinking_face',
  'thumbsdown',
  'thumbsup',
  'white_check_mark',
  'wave',
  'warning',
]);

function workspace(ctx: Ctx): WorkspaceRec {
  return ctx.store.workspace(ctx.principal, ctx.params['workspace_id']);
}

function canSee(ctx: Ctx, c: ChatChannelRec): boolean {
  return c.memberIds.length === 0 || c.memberIds.includes(ctx.principal.user.id);
}

function findChannel(ctx: Ctx): { ws: WorkspaceRec; c: ChatChannelRec } {
  const ws = workspace(ctx);
  const c = ctx.store.chatChannels.get(ctx.params['channel_id']);
  if (!c || c.workspaceId !== ws.id || !canSee(ctx, c))
    throw Errors.notFound('Channel not found', 'CHAT_404');
  return { ws, c };
}

function findMessage(ctx: Ctx): { ws: WorkspaceRec; m: ChatMessageRec } {
  const ws = workspace(ctx);
  const m = ctx.store.chatMessages.get(ctx.params['message_id']);
  const c = m ? ctx.store.chatChannels.get(m.channelId) : undefined;
  if (!m || !c || c.workspaceId !== ws.id || !canSee(ctx, c))
    throw Errors.notFound('Message not found', 'CHAT_404');
  return { ws, m };
}

function contentFormat(raw: string | undefined): ChatContentFormat {
  const f = raw ?? 'text/md';
  if (f !== 'text/md' && f !== 'text/plain')
    throw Errors.invalid('content_format must be text/md or text/plain', 'CHAT_002');
  return f;
}

/** Cursor paging: `limit` 1–100 (default 50), an opaque cursor, and `next_cursor` "" on the last page. */
function paged<T>(ctx: Ctx, items: T[]): { data: T[]; next_cursor: string } {
  const limit = ctx.query.int('limit') ?? 50;
  if (Number.isNaN(limit) || limit < 1 || limit > 100)
    throw Errors.invalid('limit must be from 1 to 100', 'CHAT_003');
  const cursor = ctx.query.string('cursor');
  let offset = 0;
  if (cursor) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!decoded) throw Errors.invalid('cursor is not valid', 'CHAT_004');
    offset = Number(decoded[1]);
  }
  const end = offset + limit;
  return {
    data: items.slice(offset, end),
    next_cursor: end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : '',
  };
}

/** Newest first, as ClickUp lists messages and replies. */
function newestFirst(messages: ChatMessageRec[]): ChatMessageRec[] {
  return messages.sort((a, b) => b.date - a.date || (b.id < a.id ? -1 : 1));
}

function repliesOf(ctx: Ctx, messageId: string): ChatMessageRec[] {
  return [...ctx.store.chatMessages.values()].filter((m) => m.parentMessageId === messageId);
}

function latestIn(ctx: Ctx, channelId: string): number | null {
  let latest: number | null = null;
  for (const m of ctx.store.chatMessages.values())
    if (m.channelId === channelId && (latest === null || m.date > latest)) latest = m.date;
  return latest;
}

function render(ctx: Ctx, ws: WorkspaceRec, m: ChatMessageRec, format: ChatContentFormat) {
  return chatMessage(m, ws.id, format, m.parentMessageId === null ? repliesOf(ctx, m.id).length : 0);
}

function listChannels(ctx: Ctx): Reply {
  const ws = workspace(ctx);
  const since = ctx.query.int('with_message_since');
  const channels = [...ctx.store.chatChannels.values()]
    .filter((c) => c.workspaceId === ws.id && canSee(ctx, c))
    .map((c) => ({ c, latest: latestIn(ctx, c.id) }))
    .filter(({ latest }) => since === undefined || (latest !== null && latest >= since));
  const page = paged(ctx, channels);
  return ok({
    data: page.data.map(({ c, latest }) => chatChannel(c, latest)),
    next_cursor: page.next_cursor,
  });
}

/** A new message's body as ClickUp validates it: `type` and `content` required, `content_format` one of two. */
function newMessage(ctx: Ctx, channelId: string, parentMessageId: string | null): ChatMessageRec {
  const b: Json = bodyObject(ctx.body);
  const type = field.string(b, 'type');
  if (type !== 'message' && type !== 'post') throw Errors.invalid('type must be message or post', 'CHAT_005');
  if (type === 'post' && b['post_data'] === undefined)
    throw Errors.invalid('post_data is required for a post', 'CHAT_006');
  const content = field.string(b, 'content');
  if (content === undefined || content.trim() === '')
    throw Errors.invalid('content must be a non-empty string', 'CHAT_007');
  if (content.length > MAX_CONTENT)
    throw Errors.invalid(`content must be at most ${MAX_CONTENT} characters`, 'CHAT_008');
  contentFormat(field.string(b, 'content_format'));
  const m: ChatMessageRec = {
    id: ctx.store.ids.chatMessage(),
    channelId,
    parentMessageId,
    userId: ctx.principal.user.id,
    content,
    date: ctx.now,
    dateUpdated: ctx.now,
    reactions: [],
  };
  ctx.store.chatMessages.set(m.id, m);
  return m;
}

/** A channel tied to no location; one of the same name is returned as it is (200) instead of a new one (201). */
function createChannel(ctx: Ctx): Reply {
  const ws = workspace(ctx);
  const b = bodyObject(ctx.body);
  const name = field.requiredString(b, 'name', 'name must be a non-empty string', 'CHAT_012');
  const visibility = field.string(b, 'visibility') ?? 'PUBLIC';
  if (visibility !== 'PUBLIC' && visibility !== 'PRIVATE')
    throw Errors.invalid('visibility must be PUBLIC or PRIVATE', 'CHAT_013');
  const existing = [...ctx.store.chatChannels.values()].find(
    (c) => c.workspaceId === ws.id && c.type === 'CHANNEL' && c.name === name && canSee(ctx, c),
  );
  if (existing) return ok({ data: chatChannel(existing, latestIn(ctx, existing.id)) });
  const c: ChatChannelRec = {
    id: ctx.store.ids.chatChannel(ws.id),
    workspaceId: ws.id,
    name,
    description: field.string(b, 'description') ?? '',
    topic: field.string(b, 'topic') ?? '',
    type: 'CHANNEL',
    visibility,
    parent: { id: ws.id, type: 7 },
    creatorId: ctx.principal.user.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    archived: false,
    memberIds: visibility === 'PRIVATE' ? [ctx.principal.user.id] : [],
  };
  ctx.store.chatChannels.set(c.id, c);
  return created({ data: chatChannel(c, null) });
}

export function chatRoutes(r: RouteTable): void {
  const channels = '/workspaces/:workspace_id/chat/channels';
  const messages = '/workspaces/:workspace_id/chat/messages';
  r.v3('GET', channels, listChannels);
  r.v3('POST', channels, createChannel);
  r.v3('GET', `${channels}/:channel_id`, (ctx) => {
    const { c } = findChannel(ctx);
    return ok({ data: chatChannel(c, latestIn(ctx, c.id)) });
  });
  r.v3('GET', `${channels}/:channel_id/messages`, (ctx) => {
    const { ws, c } = findChannel(ctx);
    const format = contentFormat(ctx.query.string('content_format'));
    const top = newestFirst(
      [...ctx.store.chatMessages.values()].filter((m) => m.channelId === c.id && m.parentMessageId === null),
    );
    const page = paged(ctx, top);
    return ok({ data: page.data.map((m) => render(ctx, ws, m, format)), next_cursor: page.next_cursor });
  });
  r.v3('POST', `${channels}/:channel_id/messages`, (ctx) => {
    const { ws, c } = findChannel(ctx);
    return created(render(ctx, ws, newMessage(ctx, c.id, null), 'text/md'));
  });
  r.v3('GET', `${messages}/:message_id/replies`, (ctx) => {
    const { ws, m } = findMessage(ctx);
    const format = contentFormat(ctx.query.string('content_format'));
    const page = paged(ctx, newestFirst(repliesOf(ctx, m.id)));
    return ok({ data: page.data.map((x) => render(ctx, ws, x, format)), next_cursor: page.next_cursor });
  });
  r.v3('POST', `${messages}/:message_id/replies`, (ctx) => {
    const { ws, m } = findMessage(ctx);
    if (m.parentMessageId !== null)
      throw Errors.invalid('A reply cannot be replied to: reply to its message', 'CHAT_009');
    return created(render(ctx, ws, newMessage(ctx, m.channelId, m.id), 'text/md'));
  });
  r.v3('GET', `${messages}/:message_id/reactions`, (ctx) => {
    const { m } = findMessage(ctx);
    const page = paged(ctx, m.reactions);
    return ok({
      data: page.data.map((x) => ({ date: x.date, reaction: x.reaction, user_id: String(x.userId) })),
      next_cursor: page.next_cursor,
    });
  });
  r.v3('POST', `${messages}/:message_id/reactions`, (ctx) => {
    const { m } = findMessage(ctx);
    const reaction = field.string(bodyObject(ctx.body), 'reaction');
    if (reaction === undefined || !REACTIONS.has(reaction))
      throw Errors.invalid(`Reaction ${reaction ?? '(none)'} is not supported`, 'CHAT_010');
    const me = ctx.principal.user.id;
    if (m.reactions.some((x) => x.reaction === reaction && x.userId === me))
      throw Errors.invalid(`Reaction ${reaction} already exists`, 'CHAT_011');
    const added = { reaction, userId: me, date: ctx.now };
    m.reactions.push(added);
    return created({ date: added.date, reaction, user_id: String(me) });
  });
}
