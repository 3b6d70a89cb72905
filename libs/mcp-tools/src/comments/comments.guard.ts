import { LIST, TASK } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { provenComment } from './comment.scope';
import {
  commentCreateInput,
  commentDeleteInput,
  commentListInput,
  commentReplyCreateInput,
  commentReplyListInput,
  commentUpdateInput,
} from './comments.schemas';

/** A comment id names a comment of the (proven) task or list beside it. */
const COMMENT = idProof<{ task_id?: string; list_id?: string }>('comment', (id, args, ctx) =>
  provenComment(ctx, args, id),
);

export const commentsGuard = defineGuard({
  tag: 'comments',
  tools: {
    comment_list: guardTool(commentListInput, { ids: { task_id: TASK, list_id: LIST } }),
    comment_create: guardTool(commentCreateInput, { ids: { task_id: TASK, list_id: LIST } }),
    comment_update: guardTool(commentUpdateInput, {
      ids: { task_id: TASK, list_id: LIST, comment_id: COMMENT },
    }),
    comment_delete: guardTool(commentDeleteInput, {
      ids: { task_id: TASK, list_id: LIST, comment_id: COMMENT },
    }),
    comment_reply_list: guardTool(commentReplyListInput, {
      ids: { task_id: TASK, list_id: LIST, comment_id: COMMENT },
    }),
    comment_reply_create: guardTool(commentReplyCreateInput, {
      ids: { task_id: TASK, list_id: LIST, comment_id: COMMENT },
    }),
  },
});
