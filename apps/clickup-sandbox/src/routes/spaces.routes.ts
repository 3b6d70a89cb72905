import { Errors } from '../http/api-error';
import { bodyObject, field, isObject, type Json } from '../http/body';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { space } from '../serialize/hierarchy';
import { createSpace } from '../store/factories';
import type { SpaceRec } from '../store/types';

function applyFeatures(s: SpaceRec, b: Json): void {
  const features = b['features'];
  if (features === undefined) return;
  if (!isObject(features)) throw Errors.invalid('features must be an object');
  for (const [name, value] of Object.entries(features)) {
    if (!isObject(value)) throw Errors.invalid(`features.${name} must be an object`);
    const flags: Record<string, boolean> = { ...(s.features[name] ?? { enabled: false }) };
    for (const [k, v] of Object.entries(value)) if (typeof v === 'boolean') flags[k] = v;
    s.features[name] = flags;
  }
}

export function spaceRoutes(r: RouteTable): void {
  r.v2('GET', '/team/:team_id/space', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const archived = ctx.query.bool('archived', false);
    const spaces = [...ctx.store.spaces.values()].filter(
      (s) => s.workspaceId === ws.id && s.archived === archived,
    );
    return ok({ spaces: spaces.map((s) => space(ctx.store, s)) });
  });

  r.v2('POST', '/team/:team_id/space', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const b = bodyObject(ctx.body);
    const name = field.requiredString(b, 'name', 'Space name invalid', 'PROJ_005').trim();
    const taken = [...ctx.store.spaces.values()].some(
      (s) => s.workspaceId === ws.id && s.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) throw Errors.invalid('Space with this name already exists', 'PROJ_041');
    const s = createSpace(ctx.store, ws.id, name, {
      multipleAssignees: field.bool(b, 'multiple_assignees') ?? true,
      color: field.string(b, 'color') ?? null,
      private: field.bool(b, 'private') ?? false,
    });
    applyFeatures(s, b);
    return ok(space(ctx.store, s));
  });

  r.v2('GET', '/space/:space_id', (ctx) =>
    ok(space(ctx.store, ctx.store.space(ctx.principal, ctx.params['space_id']))),
  );

  r.v2('PUT', '/space/:space_id', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const b = bodyObject(ctx.body);
    const name = field.string(b, 'name');
    if (name !== undefined) {
      if (name.trim() === '') throw Errors.invalid('Space name invalid', 'PROJ_005');
      s.name = name.trim();
    }
    if ('color' in b) s.color = field.string(b, 'color') ?? null;
    s.private = field.bool(b, 'private') ?? s.private;
    s.adminCanManage = field.bool(b, 'admin_can_manage') ?? s.adminCanManage;
    s.multipleAssignees = field.bool(b, 'multiple_assignees') ?? s.multipleAssignees;
    s.archived = field.bool(b, 'archived') ?? s.archived;
    applyFeatures(s, b);
    return ok(space(ctx.store, s));
  });

  r.v2('DELETE', '/space/:space_id', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    ctx.store.deleteSpace(s.id);
    return ok({});
  });
}
