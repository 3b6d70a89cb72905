import type { Folder } from '@gw/clickup-client';
import type { EffectPreview } from '../previews/effect-preview';
import { Changes, previewOf } from '../previews/preview-reader';
import { counted, oneLine, quoted } from '../previews/preview-text';
import { folderCreateInput, folderDeleteInput, folderUpdateInput } from './folders.schemas';

const label = (f: Pick<Folder, 'id' | 'name'>) => `folder ${quoted(f.name)} (${f.id})`;
const inSpace = (f: Folder) => (f.space?.name ? ` in space ${oneLine(f.space.name)}` : '');
const target = (f: Folder): EffectPreview['target'] => ({ type: 'folder', id: f.id, name: oneLine(f.name) });

export const foldersPreviews = {
  folder_create: previewOf(folderCreateInput, async (args, ctx) => {
    const space = await ctx.scope.space(ctx.client, args.space_id);
    return {
      kind: 'create',
      summary: `Creates folder ${quoted(args.name)} in space ${oneLine(space.name)}`,
      proposed: { name: oneLine(args.name) },
      location: { type: 'space', id: space.id, name: oneLine(space.name) },
    };
  }),

  folder_update: previewOf(folderUpdateInput, async (args, ctx) => {
    const folder = await ctx.scope.folder(ctx.client, args.folder_id);
    const changes = new Changes().add('name', oneLine(args.name), oneLine(folder.name));
    return {
      kind: 'update',
      summary: `Renames ${label(folder)}${inSpace(folder)} to ${quoted(args.name)}`,
      target: target(folder),
      changes: changes.list,
    };
  }),

  folder_delete: previewOf(folderDeleteInput, async (args, ctx) => {
    // The guard read the folder with its active lists; archived lists go with it too, and are read apart.
    const [folder, archived] = await Promise.all([
      ctx.scope.folder(ctx.client, args.folder_id),
      ctx.client.lists.listInFolder(args.folder_id, { archived: true }).then(({ data }) => data),
    ]);
    const all = new Map([...folder.lists, ...archived].map((l) => [l.id, l]));
    const lists = all.size;
    const tasks = [...all.values()].reduce((sum, l) => sum + (l.task_count ?? 0), 0);
    const known = folder.task_count === null ? tasks : Math.max(tasks, folder.task_count);
    return {
      kind: 'delete',
      summary: `Deletes ${label(folder)}${inSpace(folder)} with ${counted(lists, 'list')} and ${counted(known, 'task')}`,
      target: target(folder),
      counts: { lists, tasks: known },
      tasks_touched: known,
    };
  }),
};
