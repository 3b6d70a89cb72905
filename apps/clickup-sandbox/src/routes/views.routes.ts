import { Errors } from '../http/api-error';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { view } from '../serialize/views';
import type { ViewRec } from '../store/types';

/** A view the caller may see: its parent must still exist and be visible (401 like every unseen object). */
export function findView(ctx: Ctx): ViewRec {
  const v = ctx.store.views.get(ctx.params['view_id']);
  if (!v) throw Errors.teamNotAuthorized();
  const { store, principal } = ctx;
  if (v.parent.type === 7) store.workspace(principal, v.parent.id);
  else if (v.parent.type === 4) store.space(principal, v.parent.id);
  else if (v.parent.type === 5) store.folder(principal, v.parent.id);
  else store.list(principal, v.parent.id);
  return v;
}

// Only Get View here, which proves a chat view's comments; the views group serves the rest of the views API.
export function viewRoutes(r: RouteTable): void {
  r.v2('GET', '/view/:view_id', (ctx) => ok({ view: view(findView(ctx)) }));
}
