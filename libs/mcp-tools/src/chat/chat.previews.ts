import type { ChatChannel, ChatMessage } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels } from '../previews/people';
import { previewOf } from '../previews/preview-reader';
import { excerpt, oneLine, quoted } from '../previews/preview-text';
import { locationOf, provenChannel, provenMessage } from './chat.scope';
import { chatMessageSendInput, chatReactionAddInput, chatReplySendInput } from './chat.schemas';

type Place = NonNullable<EffectPreview['location']>;

/** `channel "Engineering" (id) on space 901…`, or `direct message "Alex, Sarah" (id)`: where the words land. */
function placeOf(channel: ChatChannel): { place: Place; label: string } {
  const kind = channel.type === 'CHANNEL' ? 'channel' : 'direct message';
  const location = locationOf(channel);
  const on = location
    ? ` on ${location.type} ${location.id}`
    : channel.type === 'CHANNEL'
      ? ' of the workspace'
      : '';
  return {
    place: { type: 'chat_channel', id: channel.id, name: oneLine(channel.name) },
    label: `${kind} ${quoted(channel.name)} (${channel.id})${on}`,
  };
}

/** The message a reply or reaction goes to, with who wrote it, as an approver reads it. */
async function messageOf(ctx: ToolContext, args: { channel_id: string; message_id: string }) {
  const [channel, message] = await Promise.all([
    provenChannel(ctx, args.channel_id),
    provenMessage(ctx, args.channel_id, args.message_id),
  ]);
  const [author] = message.user_id === null ? ['someone'] : await peopleLabels(ctx, [message.user_id]);
  return { ...placeOf(channel), message, author };
}

const target = (m: ChatMessage): EffectPreview['target'] => ({
  type: 'chat_message',
  id: m.id,
  name: oneLine(m.content, 80),
});

export const chatPreviews = {
  chat_message_send: previewOf(chatMessageSendInput, async (args, ctx) => {
    const { place, label } = placeOf(await provenChannel(ctx, args.channel_id));
    return {
      kind: 'create',
      summary: `Posts in ${label}: ${quoted(args.text)}`,
      proposed: { text: excerpt(args.text) },
      location: place,
    };
  }),

  chat_reply_send: previewOf(chatReplySendInput, async (args, ctx) => {
    const { place, label, message, author } = await messageOf(ctx, args);
    return {
      kind: 'create',
      summary: `Replies to a message by ${author} in ${label}: ${quoted(args.text)}`,
      proposed: { text: excerpt(args.text) },
      location: place,
      target: target(message),
    };
  }),

  chat_reaction_add: previewOf(chatReactionAddInput, async (args, ctx) => {
    const { place, label, message, author } = await messageOf(ctx, args);
    return {
      kind: 'create',
      summary: `Reacts :${args.emoji}: to a message by ${author} in ${label}: ${quoted(message.content)}`,
      proposed: { emoji: args.emoji },
      location: place,
      target: target(message),
    };
  }),
};
