import type { Comment } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels, personLabel } from '../previews/people';
import { Changes, previewOf } from '../previews/preview-reader';
import { counted, defined, excerpt, oneLine, quoted } from '../previews/preview-text';
import { parentOf, provenComment, type ParentArgs } from './comment.scope';
import { provenChatView } from './view.scope';
import {
  commentCreateInput,
  commentDeleteInput,
  commentReplyCreateInput,
  commentUpdateInput,
} from './comments.schemas';

type Place = NonNullable<EffectPreview['location']>;

/** The task, list or chat view a comment is on, by name: the guard read the task or view; a list is read here unless it was. */
async function placeOf(args: ParentArgs, ctx: ToolContext): Promise<Place> {
  const parent = parentOf(args);
  const named =
    parent.kind === 'task'
      ? await ctx.scope.task(ctx.client, parent.id)
      : parent.kind === 'list'
        ? await ctx.scope.list(ctx.client, parent.id)
        : await provenChatView(ctx, parent.id);
  return { type: parent.kind, id: parent.id, name: oneLine(named.name ?? '') };
}

const on = (place: Place) => `${place.type} ${quoted(place.name)} (${place.id})`;
const textOf = (c: Comment) => c.comment_text || c.comment.map((part) => part.text ?? '').join('');
const byWhom = (c: Comment) => (c.user ? ` by ${personLabel(c.user.id, c.user.username)}` : '');
const target = (c: Comment): EffectPreview['target'] => ({
  type: 'comment',
  id: c.id,
  name: oneLine(textOf(c), 80),
});

export const commentsPreviews = {
  comment_create: previewOf(commentCreateInput, async (args, ctx) => {
    const [place, assignee] = await Promise.all([
      placeOf(args, ctx),
      args.assignee === undefined ? [undefined] : peopleLabels(ctx, [args.assignee]),
    ]);
    return {
      kind: 'create',
      summary: `Comments on ${on(place)}: ${quoted(args.text)}`,
      proposed: defined({ text: excerpt(args.text), assignee: assignee[0] }),
      location: place,
    };
  }),

  comment_update: previewOf(commentUpdateInput, async (args, ctx) => {
    const [comment, place] = await Promise.all([
      provenComment(ctx, args, args.comment_id),
      placeOf(args, ctx),
    ]);
    const assignee = comment.assignee ? personLabel(comment.assignee.id, comment.assignee.username) : null;
    const [newAssignee] =
      args.assignee === undefined
        ? [undefined]
        : await peopleLabels(ctx, [args.assignee], comment.assignee ? [comment.assignee] : []);
    const changes = new Changes()
      .add('text', args.text === undefined ? undefined : excerpt(args.text), excerpt(textOf(comment)))
      .add('resolved', args.resolved, comment.resolved)
      .add('assignee', newAssignee, assignee);
    return {
      kind: 'update',
      summary: `Edits a comment${byWhom(comment)} on ${on(place)}${changes.phrase()}`,
      target: target(comment),
      changes: changes.list,
    };
  }),

  comment_delete: previewOf(commentDeleteInput, async (args, ctx) => {
    const [comment, place] = await Promise.all([
      provenComment(ctx, args, args.comment_id),
      placeOf(args, ctx),
    ]);
    const replies = comment.reply_count ?? 0;
    return {
      kind: 'delete',
      summary:
        `Deletes a comment${byWhom(comment)} on ${on(place)}` +
        `${replies > 0 ? ` with ${counted(replies, 'reply', 'replies')}` : ''}: ${quoted(textOf(comment))}`,
      target: target(comment),
      counts: { replies },
    };
  }),

  comment_reply_create: previewOf(commentReplyCreateInput, async (args, ctx) => {
    const [comment, place] = await Promise.all([
      provenComment(ctx, args, args.comment_id),
      placeOf(args, ctx),
    ]);
    return {
      kind: 'create',
      summary: `Replies to a comment${byWhom(comment)} on ${on(place)}: ${quoted(args.text)}`,
      proposed: { text: excerpt(args.text) },
      target: target(comment),
      location: place,
    };
  }),
};
