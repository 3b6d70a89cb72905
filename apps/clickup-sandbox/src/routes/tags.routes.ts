import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field, isObject } from '../http/body';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { resolveTask } from './task-lookup';

export function tagRoutes(r: RouteTable): void {
  r.v2('GET', '/space/:space_id/tag', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    return ok({
      tags: (ctx.store.spaceTags.get(s.id) ?? []).map((t) => ({
        name: t.name,
        tag_fg: t.fg,
        tag_bg: t.bg,
        creator: t.creator,
      })),
    });
  });

  r.v2('POST', '/space/:space_id/tag', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const tag = bodyObject(ctx.body)['tag'];
    if (!isObject(tag)) throw Errors.invalid('Send {"tag": {"name", "tag_fg", "tag_bg"}}', 'TAGS_001');
    const name = field.requiredString(tag, 'name', 'Tag name invalid', 'TAGS_001').trim().toLowerCase();
    const tags = must(ctx.store.spaceTags.get(s.id));
    if (tags.some((t) => t.name === name)) throw Errors.invalid('Tag already exists', 'TAGS_002');
    tags.push({
      name,
      fg: field.string(tag, 'tag_fg') ?? '#ffffff',
      bg: field.string(tag, 'tag_bg') ?? '#7b68ee',
      creator: ctx.principal.user.id,
    });
    return ok({});
  });

  // Adding a tag the space does not have yet creates it there (unverified against ClickUp, API-NOTES §10).
  r.v2('POST', '/task/:task_id/tag/:tag_name', (ctx) => {
    const t = resolveTask(ctx);
    const name = ctx.params['tag_name'].trim().toLowerCase();
    if (name === '') throw Errors.invalid('Tag name invalid', 'TAGS_001');
    const tags = must(ctx.store.spaceTags.get(must(ctx.store.lists.get(t.listId)).spaceId));
    if (!tags.some((x) => x.name === name))
      tags.push({ name, fg: '#ffffff', bg: '#7b68ee', creator: ctx.principal.user.id });
    if (!t.tagNames.includes(name)) t.tagNames.push(name);
    t.dateUpdated = ctx.now;
    return ok({});
  });

  r.v2('DELETE', '/task/:task_id/tag/:tag_name', (ctx) => {
    const t = resolveTask(ctx);
    const name = ctx.params['tag_name'].trim().toLowerCase();
    t.tagNames = t.tagNames.filter((n) => n !== name);
    t.dateUpdated = ctx.now;
    return ok({});
  });
}
