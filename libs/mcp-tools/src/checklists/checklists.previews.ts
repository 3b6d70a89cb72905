import type { Checklist, Task } from '@gw/clickup-client';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels, personLabel } from '../previews/people';
import { Changes, previewOf } from '../previews/preview-reader';
import { counted, defined, oneLine, quoted } from '../previews/preview-text';
import { provenChecklist } from './checklist.scope';
import {
  checklistCreateInput,
  checklistDeleteInput,
  checklistItemCreateInput,
  checklistItemUpdateInput,
  checklistUpdateInput,
} from './checklists.schemas';

type Item = Checklist['items'][number];

const onTask = (t: Pick<Task, 'id' | 'name'>) => `task ${quoted(t.name)} (${t.id})`;
const taskPlace = (t: Task): NonNullable<EffectPreview['location']> => ({
  type: 'task',
  id: t.id,
  name: oneLine(t.name),
});
const itemNamed = (c: Checklist, id: string): Item | undefined => c.items.find((i) => i.id === id);
const itemLabel = (i: Item | undefined, id: string) => (i ? `${oneLine(i.name)} (${i.id})` : `item ${id}`);

export const checklistsPreviews = {
  checklist_update: previewOf(checklistUpdateInput, async (args, ctx) => {
    const [task, checklist] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      provenChecklist(ctx, args.task_id, args.checklist_id),
    ]);
    const order = [...task.checklists].sort((a, b) => (a.orderindex ?? 0) - (b.orderindex ?? 0));
    const changes = new Changes()
      .add('name', args.name === undefined ? undefined : oneLine(args.name), checklist.name)
      .add(
        'position',
        args.position,
        order.findIndex((c) => c.id === checklist.id),
      );
    return {
      kind: 'update',
      summary: `Updates checklist ${quoted(checklist.name)} on ${onTask(task)}${changes.phrase()}`,
      target: { type: 'checklist', id: checklist.id, name: oneLine(checklist.name) },
      changes: changes.list,
      location: taskPlace(task),
    };
  }),

  checklist_create: previewOf(checklistCreateInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const items = args.items ?? [];
    return {
      kind: 'create',
      summary: `Adds checklist ${quoted(args.name)} with ${counted(items.length, 'item')} to ${onTask(task)}`,
      proposed: { name: oneLine(args.name), items: items.map((i) => oneLine(i)) },
      location: taskPlace(task),
    };
  }),

  checklist_item_create: previewOf(checklistItemCreateInput, async (args, ctx) => {
    const [task, checklist] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      provenChecklist(ctx, args.task_id, args.checklist_id),
    ]);
    const [assignee] = args.assignee === undefined ? [undefined] : await peopleLabels(ctx, [args.assignee]);
    return {
      kind: 'create',
      summary: `Adds item ${quoted(args.name)} to checklist ${quoted(checklist.name)} on ${onTask(task)}`,
      proposed: defined({ name: oneLine(args.name), assignee }),
      location: { type: 'checklist', id: checklist.id, name: oneLine(checklist.name) },
    };
  }),

  checklist_item_update: previewOf(checklistItemUpdateInput, async (args, ctx) => {
    const [task, checklist] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      provenChecklist(ctx, args.task_id, args.checklist_id),
    ]);
    const item = itemNamed(checklist, args.item_id) as Item;
    const assignee = item.assignee ? personLabel(item.assignee.id, item.assignee.username) : null;
    const [newAssignee] =
      args.assignee === undefined || args.assignee === null
        ? [args.assignee]
        : await peopleLabels(ctx, [args.assignee], item.assignee ? [item.assignee] : []);
    const parentOf = (id: string | null) => (id === null ? null : itemLabel(itemNamed(checklist, id), id));
    const changes = new Changes()
      .add('name', args.name === undefined ? undefined : oneLine(args.name), oneLine(item.name))
      .add('resolved', args.resolved, item.resolved)
      .add('assignee', newAssignee, assignee)
      .add(
        'nested_under',
        args.parent_item_id === undefined ? undefined : parentOf(args.parent_item_id),
        parentOf(item.parent),
      );
    return {
      kind: 'update',
      summary:
        `Updates item ${quoted(item.name)} of checklist ${quoted(checklist.name)} on ${onTask(task)}` +
        changes.phrase(),
      target: { type: 'checklist_item', id: item.id, name: oneLine(item.name) },
      changes: changes.list,
    };
  }),

  checklist_delete: previewOf(checklistDeleteInput, async (args, ctx): Promise<EffectPreview> => {
    const [task, checklist] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      provenChecklist(ctx, args.task_id, args.checklist_id),
    ]);
    if (args.item_id) {
      const item = itemNamed(checklist, args.item_id) as Item;
      const nested = checklist.items.filter((i) => i.parent === item.id).length;
      return {
        kind: 'delete',
        summary:
          `Deletes item ${quoted(item.name)}${nested > 0 ? ` with ${counted(nested, 'nested item')}` : ''} ` +
          `from checklist ${quoted(checklist.name)} on ${onTask(task)}`,
        target: { type: 'checklist_item', id: item.id, name: oneLine(item.name) },
        counts: { nested_items: nested },
      };
    }
    const resolved = checklist.items.filter((i) => i.resolved).length;
    return {
      kind: 'delete',
      summary:
        `Deletes checklist ${quoted(checklist.name)} with ${counted(checklist.items.length, 'item')} ` +
        `(${resolved} resolved) from ${onTask(task)}`,
      target: { type: 'checklist', id: checklist.id, name: oneLine(checklist.name) },
      counts: { items: checklist.items.length, resolved_items: resolved },
    };
  }),
};
