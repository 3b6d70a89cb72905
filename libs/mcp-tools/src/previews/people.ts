import { ClickUpError, type ClickUpUser } from '@gw/clickup-client';
import { workspaceUsers } from '../core/people';
import type { ToolContext } from '../core/tool-context';
import { oneLine } from './preview-text';

/** One person as a preview names them: `Sarah Chen (183)`, or `user 183` when nobody says who that is. */
export function personLabel(id: number | string, name: string | null | undefined): string {
  const shown = oneLine(name, 60);
  return shown ? `${shown} (${id})` : `user ${id}`;
}

/**
 * People named by user id. Names come from the users the call already read (a task's assignees, a goal's owners);
 * anyone else is looked up once per call among the workspace's members. When that read fails, the ids still show.
 */
export async function peopleLabels(
  ctx: ToolContext,
  ids: readonly (number | string)[],
  known: readonly Pick<ClickUpUser, 'id' | 'username'>[] = [],
): Promise<string[]> {
  const names = new Map<string, string | null>(known.map((u) => [String(u.id), u.username]));
  if (ids.some((id) => !names.has(String(id)))) {
    for (const member of await workspaceMembers(ctx)) names.set(String(member.id), member.username);
  }
  return ids.map((id) => personLabel(id, names.get(String(id))));
}

function workspaceMembers(ctx: ToolContext): Promise<Pick<ClickUpUser, 'id' | 'username'>[]> {
  // Names are a courtesy: a preview without them still shows every id.
  return workspaceUsers(ctx).catch((error: unknown) => {
    if (error instanceof ClickUpError) return [];
    throw error;
  });
}
