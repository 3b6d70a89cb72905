import { Errors } from '../http/api-error';
import { bodyObject, field } from '../http/body';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { folder } from '../serialize/hierarchy';
import { createFolder } from '../store/factories';

export function folderRoutes(r: RouteTable): void {
  r.v2('GET', '/space/:space_id/folder', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const archived = ctx.query.bool('archived', false);
    const folders = [...ctx.store.folders.values()].filter(
      (f) => f.spaceId === s.id && f.archived === archived,
    );
    return ok({ folders: folders.map((f) => folder(ctx.store, f)) });
  });

  r.v2('POST', '/space/:space_id/folder', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const name = field.requiredString(bodyObject(ctx.body), 'name', 'Folder name invalid', 'CAT_005').trim();
    const taken = [...ctx.store.folders.values()].some(
      (f) => f.spaceId === s.id && f.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) throw Errors.invalid('Folder with this name already exists', 'CAT_014');
    return ok(folder(ctx.store, createFolder(ctx.store, s.id, name)));
  });

  r.v2('GET', '/folder/:folder_id', (ctx) =>
    ok(folder(ctx.store, ctx.store.folder(ctx.principal, ctx.params['folder_id']))),
  );

  r.v2('PUT', '/folder/:folder_id', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    f.name = field.requiredString(bodyObject(ctx.body), 'name', 'Folder name invalid', 'CAT_005').trim();
    return ok(folder(ctx.store, f));
  });

  r.v2('DELETE', '/folder/:folder_id', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    ctx.store.deleteFolder(f.id);
    return ok({});
  });
}
