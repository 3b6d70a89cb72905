import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { checklist } from '../serialize/task';
import type { ChecklistItemRec, ChecklistRec } from '../store/types';
import { resolveTask } from './task-lookup';

function find(ctx: Ctx): ChecklistRec {
  const c = ctx.store.checklists.get(ctx.params['checklist_id']);
  if (!c) throw Errors.teamNotAuthorized();
  ctx.store.task(ctx.principal, c.taskId);
  return c;
}

function item(c: ChecklistRec, id: string): ChecklistItemRec {
  const i = c.items.find((x) => x.id === id);
  if (!i) throw Errors.teamNotAuthorized();
  return i;
}

function assigneeOf(ctx: Ctx, c: ChecklistRec, b: Record<string, unknown>): number | null | undefined {
  if (!('assignee' in b)) return undefined;
  if (b['assignee'] === null) return null;
  const id = must(field.int(b, 'assignee'));
  const t = must(ctx.store.tasks.get(c.taskId));
  if (!ctx.store.isMember(ctx.store.workspaceOfTask(t), id))
    throw Errors.invalid('Assignee is not a member of this Workspace', 'CHECK_012');
  return id;
}

export function checklistRoutes(r: RouteTable): void {
  r.v2('POST', '/task/:task_id/checklist', (ctx) => {
    const t = resolveTask(ctx);
    const name = field.requiredString(bodyObject(ctx.body), 'name', 'Checklist name invalid', 'CHECK_001');
    const c: ChecklistRec = {
      id: ctx.store.ids.uuid('checklist'),
      taskId: t.id,
      name,
      orderindex: [...ctx.store.checklists.values()].filter((x) => x.taskId === t.id).length,
      dateCreated: ctx.now,
      creatorId: ctx.principal.user.id,
      items: [],
    };
    ctx.store.checklists.set(c.id, c);
    return ok({ checklist: checklist(ctx.store, c) });
  });

  r.v2('PUT', '/checklist/:checklist_id', (ctx) => {
    const c = find(ctx);
    const b = bodyObject(ctx.body);
    const name = field.string(b, 'name');
    if (name !== undefined) {
      if (name.trim() === '') throw Errors.invalid('Checklist name invalid', 'CHECK_001');
      c.name = name;
    }
    const position = field.int(b, 'position');
    if (position !== undefined) {
      const siblings = [...ctx.store.checklists.values()]
        .filter((x) => x.taskId === c.taskId && x.id !== c.id)
        .sort((a, b2) => a.orderindex - b2.orderindex);
      siblings.splice(Math.max(0, Math.min(position, siblings.length)), 0, c);
      siblings.forEach((x, i) => (x.orderindex = i));
    }
    return ok({});
  });

  r.v2('DELETE', '/checklist/:checklist_id', (ctx) => {
    ctx.store.checklists.delete(find(ctx).id);
    return ok({});
  });

  r.v2('POST', '/checklist/:checklist_id/checklist_item', (ctx) => {
    const c = find(ctx);
    const b = bodyObject(ctx.body);
    const name = field.requiredString(b, 'name', 'Checklist item name invalid', 'CHECK_002');
    c.items.push({
      id: ctx.store.ids.uuid('checklist-item'),
      name,
      orderindex: c.items.length,
      assigneeId: assigneeOf(ctx, c, b) ?? null,
      resolved: false,
      parentId: null,
      dateCreated: ctx.now,
    });
    return ok({ checklist: checklist(ctx.store, c) });
  });

  r.v2('PUT', '/checklist/:checklist_id/checklist_item/:checklist_item_id', (ctx) => {
    const c = find(ctx);
    const i = item(c, ctx.params['checklist_item_id']);
    const b = bodyObject(ctx.body);
    const name = field.string(b, 'name');
    if (name !== undefined && name.trim() === '')
      throw Errors.invalid('Checklist item name invalid', 'CHECK_002');
    const assignee = assigneeOf(ctx, c, b);
    const parent = 'parent' in b ? (b['parent'] === null ? null : field.string(b, 'parent')) : undefined;
    if (parent) {
      if (parent === i.id) throw Errors.invalid('An item cannot be its own parent', 'CHECK_013');
      item(c, parent);
    }
    if (name !== undefined) i.name = name;
    if (assignee !== undefined) i.assigneeId = assignee;
    i.resolved = field.bool(b, 'resolved') ?? i.resolved;
    if (parent !== undefined) i.parentId = parent ?? null;
    return ok({ checklist: checklist(ctx.store, c) });
  });

  r.v2('DELETE', '/checklist/:checklist_id/checklist_item/:checklist_item_id', (ctx) => {
    const c = find(ctx);
    const i = item(c, ctx.params['checklist_item_id']);
    c.items = c.items.filter((x) => x.id !== i.id && x.parentId !== i.id);
    return ok({});
  });
}
