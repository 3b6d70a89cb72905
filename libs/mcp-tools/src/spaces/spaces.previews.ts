import type { Space } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { Changes, given, previewOf } from '../previews/preview-reader';
import { counted, defined, enumerate, oneLine, quoted } from '../previews/preview-text';
import { spaceCreateInput, spaceDeleteInput, spaceUpdateInput } from './spaces.schemas';

const label = (s: Pick<Space, 'id' | 'name'>) => `space ${quoted(s.name)} (${s.id})`;
const target = (s: Space): EffectPreview['target'] => ({ type: 'space', id: s.id, name: oneLine(s.name) });

/**
 * Everything a space's deletion takes with it: its folders and their lists, and the lists directly in it, archived
 * ones included (four reads, at once). Archived lists inside an active folder are not read: their tasks are missing
 * from the count.
 */
async function contentsOf(ctx: ToolContext, spaceId: string) {
  const [folders, archivedFolders, lists, archivedLists] = await Promise.all([
    ctx.client.folders.list(spaceId),
    ctx.client.folders.list(spaceId, { archived: true }),
    ctx.client.lists.listFolderless(spaceId),
    ctx.client.lists.listFolderless(spaceId, { archived: true }),
  ]);
  // ClickUp may answer the hidden placeholder folder of folderless lists: it is no folder of the space.
  const allFolders = new Map(
    [...folders.data, ...archivedFolders.data].filter((f) => f.hidden !== true).map((f) => [f.id, f]),
  );
  const allLists = new Map(
    [...[...allFolders.values()].flatMap((f) => f.lists), ...lists.data, ...archivedLists.data].map((l) => [
      l.id,
      l,
    ]),
  );
  const listTasks = [...allLists.values()].reduce((sum, l) => sum + (l.task_count ?? 0), 0);
  const folderTasks = [...allFolders.values()].reduce((sum, f) => sum + (f.task_count ?? 0), 0);
  const folderlessTasks = [...lists.data, ...archivedLists.data].reduce(
    (sum, l) => sum + (l.task_count ?? 0),
    0,
  );
  return {
    folders: allFolders.size,
    lists: allLists.size,
    tasks: Math.max(listTasks, folderTasks + folderlessTasks),
  };
}

export const spacesPreviews = {
  space_create: previewOf(spaceCreateInput, async (args, ctx) => {
    const off = Object.entries(args.features ?? {})
      .filter(([, on]) => on === false)
      .map(([name]) => name);
    return {
      kind: 'create',
      summary: `Creates space ${quoted(args.name)} in the workspace`,
      proposed: defined({
        name: oneLine(args.name),
        multiple_assignees: args.multiple_assignees,
        features_off: off.length > 0 ? off : undefined,
      }),
      location: { type: 'workspace', id: ctx.scope.workspaceId, name: null },
    };
  }),

  space_update: previewOf(spaceUpdateInput, async (args, ctx) => {
    const space = await ctx.scope.space(ctx.client, args.space_id);
    const changes = new Changes()
      .add('name', given(args.name, oneLine), oneLine(space.name))
      .add('color', args.color, space.color)
      .add('private', args.private, space.private ?? false)
      .add('multiple_assignees', args.multiple_assignees, space.multiple_assignees ?? false);
    for (const [name, on] of Object.entries(args.features ?? {})) {
      changes.add(`features.${name}`, on, space.features[name]?.enabled ?? false);
    }
    return {
      kind: 'update',
      summary: `Updates ${label(space)}${changes.phrase()}`,
      target: target(space),
      changes: changes.list,
    };
  }),

  space_delete: previewOf(spaceDeleteInput, async (args, ctx) => {
    const [space, contents] = await Promise.all([
      ctx.scope.space(ctx.client, args.space_id),
      contentsOf(ctx, args.space_id),
    ]);
    const parts = [
      counted(contents.folders, 'folder'),
      counted(contents.lists, 'list'),
      counted(contents.tasks, 'task'),
    ];
    return {
      kind: 'delete',
      summary: `Deletes ${label(space)} with ${enumerate(parts)}`,
      target: target(space),
      counts: contents,
      tasks_touched: contents.tasks,
    };
  }),
};
