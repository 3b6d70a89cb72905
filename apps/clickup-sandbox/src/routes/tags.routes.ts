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

  // Edit: the spec names the colours `fg_color`/`bg_color` while its example sends `tag_fg`/`tag_bg`; both are read
  // (API-NOTES §10). The tag's current name is the path's last segment, URL-decoded by the router.
  r.v2('PUT', '/space/:space_id/tag/:tag_name', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const tags = must(ctx.store.spaceTags.get(s.id));
    const current = tags.find((t) => t.name === ctx.params['tag_name'].trim().toLowerCase());
    if (!current) throw Errors.notFound('Tag not found', 'TAGS_003');
    const tag = bodyObject(ctx.body)['tag'];
    if (!isObject(tag)) throw Errors.invalid('Send {"tag": {"name", "fg_color", "bg_color"}}', 'TAGS_001');
    const name = (field.string(tag, 'name') ?? current.name).trim().toLowerCase();
    if (name === '') throw Errors.invalid('Tag name invalid', 'TAGS_001');
    if (name !== current.name && tags.some((t) => t.name === name)) {
      throw Errors.invalid('Tag already exists', 'TAGS_002');
    }
    if (name !== current.name) {
      // Tasks of the space carry the tag under its new name.
      for (const task of ctx.store.tasks.values()) {
        if (ctx.store.lists.get(task.listId)?.spaceId !== s.id) continue;
        task.tagNames = task.tagNames.map((n) => (n === current.name ? name : n));
      }
    }
    current.name = name;
    current.fg = field.string(tag, 'fg_color') ?? field.string(tag, 'tag_fg') ?? current.fg;
    current.bg = field.string(tag, 'bg_color') ?? field.string(tag, 'tag_bg') ?? current.bg;
    return ok({ tag: { name: current.name, fg_color: current.fg, bg_color: current.bg } });
  });

  // Delete: the tag leaves the space and every task of it.
  r.v2('DELETE', '/space/:space_id/tag/:tag_name', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const tags = must(ctx.store.spaceTags.get(s.id));
    const name = ctx.params['tag_name'].trim().toLowerCase();
    const at = tags.findIndex((t) => t.name === name);
    if (at < 0) throw Errors.notFound('Tag not found', 'TAGS_003');
    tags.splice(at, 1);
    for (const task of ctx.store.tasks.values()) {
      if (ctx.store.lists.get(task.listId)?.spaceId !== s.id) continue;
      task.tagNames = task.tagNames.filter((n) => n !== name);
    }
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
