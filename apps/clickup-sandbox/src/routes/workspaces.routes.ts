import { must } from '../util/must';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { team } from '../serialize/hierarchy';
import { authorizedUser, memberEntry } from '../serialize/users';
import { resolveTask } from './task-lookup';

export function workspaceRoutes(r: RouteTable): void {
  r.v2('GET', '/user', (ctx) => ok({ user: authorizedUser(ctx.principal.user) }));

  // With OAuth only the workspaces ticked on the consent page are listed (API-NOTES §2.3).
  r.v2('GET', '/team', (ctx) =>
    ok({ teams: ctx.store.visibleWorkspaces(ctx.principal).map((w) => team(ctx.store, w)) }),
  );

  // Custom task types (API-NOTES §4.5): the Workspace's own, not the built-in Task (0) and Milestone (1).
  r.v2('GET', '/team/:team_id/custom_item', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    return ok({
      custom_items: (ctx.store.customItems.get(ws.id) ?? []).map((c) => ({
        id: c.id,
        name: c.name,
        name_plural: c.namePlural,
        description: c.description,
      })),
    });
  });

  r.v2('GET', '/list/:list_id/member', (ctx) => {
    const list = ctx.store.list(ctx.principal, ctx.params['list_id']);
    return ok({ members: ctx.store.membersOf(ctx.store.workspaceOfList(list)).map(memberEntry) });
  });

  r.v2('GET', '/task/:task_id/member', (ctx) => {
    const { store } = ctx;
    const task = resolveTask(ctx);
    const ids = new Set([task.creatorId, ...task.assigneeIds, ...task.watcherIds]);
    for (const u of store.membersOf(store.workspaceOfTask(task))) ids.add(u.id);
    return ok({ members: [...ids].map((id) => memberEntry(must(store.users.get(id)))) });
  });
}
