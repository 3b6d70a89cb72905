import { idProof } from './tool-guard';
import { forbidden } from './tool-error';

// The proofs of the hierarchy's ids, shared by the tool groups' guards. Each reads through the call's scope, so the
// handler asking for the same object next costs no request.

/** Proves a space id: one of the pinned spaces, and in the workspace's space list. */
export const SPACE = idProof('space', (id, _args, ctx) => ctx.scope.checkSpace(ctx.client, id, 'That space'));

/** Proves a folder id by reading the folder's space. */
export const FOLDER = idProof('folder', (id, _args, ctx) => ctx.scope.folder(ctx.client, id));

/** Proves a list id by reading its space; a list already seen in the workspace of an unpinned server needs no read. */
export const LIST = idProof('list', (id, _args, ctx) => ctx.scope.checkList(ctx.client, id));

/**
 * Proves a task id by reading the task's workspace and space. A custom task id (`ENG-14`) is read as one, and the
 * handler gets the task's own id in its place.
 */
export const TASK = idProof(
  'task',
  (id, _args, ctx) => ctx.scope.task(ctx.client, id),
  (task) => task.id,
);

/** A workspace id (ClickUp's `team_id`) must be the server's own. */
export const WORKSPACE = idProof('workspace', async (id, _args, ctx) => {
  if (id !== ctx.scope.workspaceId) {
    throw forbidden('team_id is not the workspace this MCP server is scoped to.');
  }
});
