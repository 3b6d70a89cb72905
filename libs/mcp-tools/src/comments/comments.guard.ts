import { LIST, TASK } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { provenComment, type ParentArgs } from './comment.scope';
import { provenChatView } from './view.scope';
import {
  commentCreateInput,
  commentDeleteInput,
  commentListInput,
  commentReplyCreateInput,
  commentReplyListInput,
  commentUpdateInput,
} from './comments.schemas';

/** A comment id names a comment of the (proven) task, list or chat view beside it. */
const COMMENT = idProof<ParentArgs>('comment', (id, args, ctx) => provenComment(ctx, args, id));

/** A chat view, proven by reading it and its parent's scope. */
const VIEW = idProof('view', (id, _args, ctx) => provenChatView(ctx, id));

export const commentsGuard = defineGuard({
  tag: 'comments',
  tools: {
    comment_list: guardTool(commentListInput, { ids: { task_id: TASK, list_id: LIST, view_id: VIEW } }),
    comment_create: guardTool(commentCreateInput, { ids: { task_id: TASK, list_id: LIST, view_id: VIEW } }),
    comment_update: guardTool(commentUpdateInput, {
      ids: { task_id: TASK, list_id: LIST, view_id: VIEW, comment_id: COMMENT },
    }),
    comment_delete: guardTool(commentDeleteInput, {
      ids: { task_id: TASK, list_id: LIST, view_id: VIEW, comment_id: COMMENT },
    }),
    comment_reply_list: guardTool(commentReplyListInput, {
      ids: { task_id: TASK, list_id: LIST, view_id: VIEW, comment_id: COMMENT },
    }),
    comment_reply_create: guardTool(commentReplyCreateInput, {
      ids: { task_id: TASK, list_id: LIST, view_id: VIEW, comment_id: COMMENT },
    }),
  },
});
