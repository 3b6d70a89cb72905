import type { List } from '@gw/clickup-client';
import { PRIORITY_NAMES } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels, personLabel } from '../previews/people';
import { Changes, given, previewOf } from '../previews/preview-reader';
import { counted, defined, excerpt, isoOf, oneLine, quoted } from '../previews/preview-text';
import { priorityFields, realFolder } from './lists.format';
import { listCreateInput, listDeleteInput, listUpdateInput } from './lists.schemas';

const priorityName = (level: number) => PRIORITY_NAMES[level as keyof typeof PRIORITY_NAMES];
const label = (l: Pick<List, 'id' | 'name'>) => `list ${quoted(l.name)} (${l.id})`;
const target = (l: List): EffectPreview['target'] => ({ type: 'list', id: l.id, name: oneLine(l.name) });

/** Where a list lives, for a summary: ` in folder Product Engineering` or ` in space Engineering`. */
function placeOf(l: List): string {
  const folder = realFolder(l);
  if (folder?.name) return ` in folder ${oneLine(folder.name)}`;
  return l.space?.name ? ` in space ${oneLine(l.space.name)}` : '';
}

/** The folder or space a new list goes into: the guard read the folder; a space is read here. */
async function containerOf(
  args: { folder_id?: string; space_id?: string },
  ctx: ToolContext,
): Promise<NonNullable<EffectPreview['location']>> {
  if (args.folder_id) {
    const folder = await ctx.scope.folder(ctx.client, args.folder_id);
    return { type: 'folder', id: folder.id, name: oneLine(folder.name) };
  }
  const space = await ctx.scope.space(ctx.client, args.space_id as string);
  return { type: 'space', id: space.id, name: oneLine(space.name) };
}

export const listsPreviews = {
  list_create: previewOf(listCreateInput, async (args, ctx) => {
    const location = await containerOf(args, ctx);
    const [owner] = args.assignee === undefined ? [undefined] : await peopleLabels(ctx, [args.assignee]);
    return {
      kind: 'create',
      summary: `Creates list ${quoted(args.name)} in ${location.type} ${location.name}`,
      proposed: defined({
        name: oneLine(args.name),
        content: given(args.content, excerpt),
        due_date: given(args.due_date, isoOf),
        priority: given(args.priority, priorityName),
        owner,
        color: given(args.color, oneLine),
      }),
      location,
    };
  }),

  list_update: previewOf(listUpdateInput, async (args, ctx) => {
    const list = await ctx.scope.list(ctx.client, args.list_id);
    const owner = list.assignee ? personLabel(list.assignee.id, list.assignee.username) : null;
    const [newOwner] =
      args.assignee === undefined || args.assignee === null
        ? [args.assignee]
        : await peopleLabels(ctx, [args.assignee], list.assignee ? [list.assignee] : []);
    const changes = new Changes()
      .add('name', given(args.name, oneLine), oneLine(list.name))
      .add('content', given(args.content, excerpt), excerpt(list.content))
      .add('due_date', given(args.due_date, isoOf), isoOf(list.due_date))
      .add('priority', given(args.priority, priorityName), priorityFields(list.priority).priority_name)
      .add('owner', newOwner, owner)
      .add(
        'color',
        given(args.color, (c) => c && oneLine(c)),
        list.status?.status ?? null,
      );
    return {
      kind: 'update',
      summary: `Updates ${label(list)}${placeOf(list)}${changes.phrase()}`,
      target: target(list),
      changes: changes.list,
    };
  }),

  list_delete: previewOf(listDeleteInput, async (args, ctx) => {
    const list = await ctx.scope.list(ctx.client, args.list_id);
    const tasks = list.task_count;
    return {
      kind: 'delete',
      summary:
        `Deletes ${label(list)}${placeOf(list)} with ` +
        (tasks === null ? 'all its tasks (ClickUp gave no count)' : counted(tasks, 'task')),
      target: target(list),
      counts: tasks === null ? undefined : { tasks },
      tasks_touched: tasks,
    };
  }),
};
