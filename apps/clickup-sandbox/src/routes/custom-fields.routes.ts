import { must } from '../util/must';
import { ApiError } from '../http/api-error';
import { bodyObject } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { fieldDefinition } from '../serialize/fields';
import { writeFieldValue } from '../store/field-values';
import type { FieldRec } from '../store/types';
import { resolveTask } from './task-lookup';

/** The field must apply to the task's list; otherwise 400 with `{err, ECODE, message}` (API-NOTES §6.2). */
function applicableField(ctx: Ctx) {
  const t = resolveTask(ctx);
  const list = must(ctx.store.lists.get(t.listId));
  const f = ctx.store.fieldsOfList(list).find((x) => x.id === ctx.params['field_id']);
  if (!f) {
    throw new ApiError(400, 'Custom field is not accessible from this task', 'FIELD_010', {
      message: 'The custom field does not exist or does not apply to the task’s list.',
    });
  }
  return { t, f, workspaceId: ctx.store.workspaceOfList(list) };
}

const listFields = (fields: FieldRec[]) => ok({ fields: fields.map(fieldDefinition) });

export function customFieldRoutes(r: RouteTable): void {
  r.v2('GET', '/list/:list_id/field', (ctx) =>
    listFields(ctx.store.fieldsOfList(ctx.store.list(ctx.principal, ctx.params['list_id']))),
  );

  r.v2('GET', '/folder/:folder_id/field', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    return listFields(
      [...ctx.store.fields.values()].filter((x) => x.scope.kind === 'folder' && x.scope.id === f.id),
    );
  });

  r.v2('GET', '/space/:space_id/field', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    return listFields(
      [...ctx.store.fields.values()].filter((x) => x.scope.kind === 'space' && x.scope.id === s.id),
    );
  });

  r.v2('GET', '/team/:team_id/field', (ctx) => {
    const w = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    return listFields(
      [...ctx.store.fields.values()].filter((x) => x.scope.kind === 'workspace' && x.scope.id === w.id),
    );
  });

  r.v2('POST', '/task/:task_id/field/:field_id', (ctx) => {
    const { t, f, workspaceId } = applicableField(ctx);
    const b = bodyObject(ctx.body);
    if (!('value' in b))
      throw new ApiError(400, 'Value is required', 'FIELD_001', { message: 'Send {"value": …}.' });
    if (b['value'] === null) t.fieldValues.delete(f.id);
    else
      t.fieldValues.set(
        f.id,
        writeFieldValue(ctx.store, f, b['value'], workspaceId, t.fieldValues.get(f.id)),
      );
    t.dateUpdated = ctx.now;
    return ok({});
  });

  r.v2('DELETE', '/task/:task_id/field/:field_id', (ctx) => {
    const { t, f } = applicableField(ctx);
    t.fieldValues.delete(f.id);
    t.dateUpdated = ctx.now;
    return ok({});
  });
}
