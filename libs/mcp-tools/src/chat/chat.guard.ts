import { defineGuard, guardTool, idProof, unproven } from '../core/tool-guard';
import { provenChannel, provenMessage } from './chat.scope';
import {
  chatChannelListInput,
  chatMessageListInput,
  chatMessageSendInput,
  chatReactionAddInput,
  chatReplySendInput,
} from './chat.schemas';

/** A channel follows its location's scope; a workspace channel or a DM needs a server not pinned to spaces. */
const CHANNEL = idProof('chat_channel', (id, _args, ctx) => provenChannel(ctx, id));

/** A message id names a top-level message of the (proven) channel beside it. */
const MESSAGE = idProof<{ channel_id: string }>('chat_message', (id, args, ctx) =>
  provenMessage(ctx, args.channel_id, id),
);

export const chatGuard = defineGuard({
  tag: 'chat',
  tools: {
    chat_channel_list: guardTool(chatChannelListInput, {
      ids: {
        location_id: unproven(
          'a filter: every channel listed is checked against the scope before it is shown (channelFilter)',
        ),
      },
    }),
    chat_message_list: guardTool(chatMessageListInput, { ids: { channel_id: CHANNEL, message_id: MESSAGE } }),
    chat_message_send: guardTool(chatMessageSendInput, { ids: { channel_id: CHANNEL } }),
    chat_reply_send: guardTool(chatReplySendInput, { ids: { channel_id: CHANNEL, message_id: MESSAGE } }),
    chat_reaction_add: guardTool(chatReactionAddInput, { ids: { channel_id: CHANNEL, message_id: MESSAGE } }),
  },
});
