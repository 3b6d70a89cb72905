import { Errors } from '../http/api-error';
import { bodyObject, field, isObject } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { list as listView } from '../serialize/hierarchy';
import { task } from '../serialize/task';
import { createList, createTask } from '../store/factories';
import type { ListTemplateRec, TaskTemplateRec } from '../store/types';

/** Task templates page like ClickUp's other v2 listings that take `page`: 100 per page. */
const TEMPLATE_PAGE_SIZE = 100;

function workspaceOfSpace(ctx: Ctx, spaceId: string): string {
  return ctx.store.space(ctx.principal, spaceId).workspaceId;
}

function taskTemplate(ctx: Ctx, workspaceId: string): TaskTemplateRec {
  const t = ctx.store.taskTemplates.get(ctx.params['template_id']);
  if (!t || t.workspaceId !== workspaceId) throw Errors.notFound('Template not found', 'TMPL_404');
  return t;
}

function listTemplate(ctx: Ctx, workspaceId: string): ListTemplateRec {
  const t = ctx.store.listTemplates.get(ctx.params['template_id']);
  if (!t || t.workspaceId !== workspaceId) throw Errors.notFound('Template not found', 'TMPL_404');
  return t;
}

/** A list made from a template, in a folder or a space: the template's description and tasks copied. */
function listFromTemplate(ctx: Ctx, spaceId: string, folderId: string | null) {
  const { store } = ctx;
  const tpl = listTemplate(ctx, workspaceOfSpace(ctx, spaceId));
  const b = bodyObject(ctx.body);
  const name = field.requiredString(b, 'name', 'List name invalid', 'SUBCAT_005').trim();
  const options = b['options'] === undefined ? {} : b['options'];
  if (!isObject(options)) throw Errors.invalid('options must be an object', 'TMPL_002');
  const taken = [...store.lists.values()].some(
    (l) => l.spaceId === spaceId && l.folderId === folderId && l.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw Errors.invalid('List with this name already exists', 'SUBCAT_016');
  const l = createList(store, spaceId, folderId, name, {
    content: field.string(options, 'content') ?? tpl.content,
  });
  for (const t of tpl.tasks) {
    createTask(store, l.id, t.name, ctx.principal.user.id, ctx.now, { markdown: t.markdown });
  }
  // return_immediately (default true) answers before the copy finishes; the sandbox copies at once either way.
  field.bool(options, 'return_immediately');
  return ok({ id: l.id, list: listView(store, l) });
}

export function templateRoutes(r: RouteTable): void {
  r.v2('GET', '/team/:team_id/taskTemplate', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const page = ctx.query.int('page');
    if (page === undefined || !Number.isInteger(page) || page < 0)
      throw Errors.invalid('page is required: a whole number from 0', 'TMPL_001');
    const all = [...ctx.store.taskTemplates.values()].filter((t) => t.workspaceId === ws.id);
    const slice = all.slice(page * TEMPLATE_PAGE_SIZE, (page + 1) * TEMPLATE_PAGE_SIZE);
    return ok({ templates: slice.map((t) => ({ id: t.id, name: t.name })) });
  });

  r.v2('GET', '/team/:team_id/list_template', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const all = [...ctx.store.listTemplates.values()].filter((t) => t.workspaceId === ws.id);
    return ok({ templates: all.map((t) => ({ name: t.name, id: t.id })) });
  });

  r.v2('POST', '/list/:list_id/taskTemplate/:template_id', (ctx) => {
    const { store } = ctx;
    const l = store.list(ctx.principal, ctx.params['list_id']);
    const tpl = taskTemplate(ctx, workspaceOfSpace(ctx, l.spaceId));
    const b = bodyObject(ctx.body);
    const name = field.requiredString(b, 'name', 'Task name invalid', 'INPUT_005').trim();
    const spaceTags = new Set((store.spaceTags.get(l.spaceId) ?? []).map((tag) => tag.name));
    const t = createTask(store, l.id, name, ctx.principal.user.id, ctx.now, {
      markdown: tpl.markdown,
      priority: tpl.priority,
      // A template's tags follow it only where the list's space has them.
      tagNames: tpl.tagNames.filter((n) => spaceTags.has(n)),
    });
    tpl.checklists.forEach((c, i) => {
      const id = store.ids.uuid('checklist');
      store.checklists.set(id, {
        id,
        taskId: t.id,
        name: c.name,
        orderindex: i,
        dateCreated: ctx.now,
        creatorId: ctx.principal.user.id,
        items: c.items.map((item, j) => ({
          id: store.ids.uuid('checklist-item'),
          name: item,
          orderindex: j,
          assigneeId: null,
          resolved: false,
          parentId: null,
          dateCreated: ctx.now,
        })),
      });
    });
    return ok({ id: t.id, task: task(store, t) });
  });

  r.v2('POST', '/folder/:folder_id/list_template/:template_id', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    return listFromTemplate(ctx, f.spaceId, f.id);
  });

  r.v2('POST', '/space/:space_id/list_template/:template_id', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    return listFromTemplate(ctx, s.id, null);
  });
}
