import type { Doc } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';

const SPACE = 4;
const FOLDER = 5;
const LIST = 6;

function isDenial(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}

/**
 * Whether this server may see a doc. A doc lives under a space, folder or list, or at workspace level
 * ("Everything"/workspace parents): a server pinned to spaces sees only docs whose parent is in its spaces, and
 * never workspace-level docs. Folder and list parents are fetched once per id.
 */
export function docScopeChecker(ctx: ToolContext) {
  const parents = new Map<string, Promise<boolean>>();
  const allowed = (key: string, check: () => Promise<unknown>) => {
    let result = parents.get(key);
    if (!result) {
      result = check().then(
        () => true,
        (error: unknown) => {
          if (isDenial(error)) return false;
          throw error;
        },
      );
      parents.set(key, result);
    }
    return result;
  };
  return async (doc: Doc): Promise<boolean> => {
    if (!ctx.scope.inWorkspace(doc.workspace_id)) return false;
    if (!ctx.scope.spaceIds) return true;
    const parent = doc.parent;
    if (parent?.type === SPACE) return ctx.scope.allowsSpace(parent.id);
    if (parent?.type === FOLDER)
      return allowed(`f${parent.id}`, () => ctx.scope.folder(ctx.client, parent.id));
    if (parent?.type === LIST) return allowed(`l${parent.id}`, () => ctx.scope.list(ctx.client, parent.id));
    return false;
  };
}

/** A doc this server may see, read once per call: the guard's proof and the handler share the read. */
export function provenDoc(ctx: ToolContext, docId: string): Promise<Doc> {
  return ctx.scope.once(`doc ${docId}`, async () => {
    const { data } = await ctx.client.docs.get(ctx.scope.workspaceId, docId);
    if (!(await docScopeChecker(ctx)(data))) {
      throw forbidden('That doc is outside the spaces this MCP server is scoped to.');
    }
    return data;
  });
}

/** Page calls name the workspace in their path, so only a server pinned to spaces needs the doc's parent. */
export async function assertDocForPages(ctx: ToolContext, docId: string): Promise<void> {
  if (ctx.scope.spaceIds) await provenDoc(ctx, docId);
}
