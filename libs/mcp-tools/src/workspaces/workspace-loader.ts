import type { Folder, List, Space, Workspace } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { forbidden } from '../core/tool-error';
import { realFolder } from '../lists/lists.format';

export interface TreeList {
  id: string;
  name: string;
  task_count: number | null;
  archived?: true;
  /** Only when the list has its own statuses instead of the space's. */
  statuses?: string[];
}
export interface TreeFolder {
  id: string;
  name: string;
  archived?: true;
  lists: TreeList[];
}
export interface TreeSpace {
  id: string;
  name: string;
  archived?: true;
  statuses: string[];
  folders: TreeFolder[];
  /** Folderless lists, directly in the space. */
  lists: TreeList[];
}

// Enough to overlap ClickUp's latency without bursting through its 100 requests per minute on big workspaces.
const CONCURRENCY = 6;

async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** Active items, and with `archived` the archived ones too (ClickUp answers one or the other per request). */
async function activeAndArchived<T extends { id: string }>(
  archived: boolean,
  fetch: (archived: boolean) => Promise<{ data: T[] }>,
): Promise<T[]> {
  const pages = await Promise.all(archived ? [fetch(false), fetch(true)] : [fetch(false)]);
  return [...new Map(pages.flatMap((p) => p.data).map((item) => [item.id, item])).values()];
}

const archivedFlag = (item: { archived: boolean | null }) =>
  item.archived ? { archived: true as const } : {};

function treeList(list: List, spaceStatuses: string[]): TreeList {
  const statuses = list.statuses.map((s) => s.status);
  const own = list.override_statuses === true && statuses.join('\n') !== spaceStatuses.join('\n');
  return {
    id: list.id,
    name: list.name,
    task_count: list.task_count,
    ...archivedFlag(list),
    ...(own ? { statuses } : {}),
  };
}

/** The server's workspace as `GET /team` reads it; FORBIDDEN when the connection no longer sees it. */
export async function loadWorkspace(ctx: ToolContext): Promise<Workspace> {
  const { data } = await ctx.client.workspaces.list();
  const workspace = data.find((w) => w.id === ctx.scope.workspaceId);
  if (!workspace)
    throw forbidden('The ClickUp connection of this MCP server can no longer see its workspace.');
  return workspace;
}

/** The in-scope spaces: one when `spaceId` is given, else every allowed space of the workspace. */
export async function loadSpaces(
  ctx: ToolContext,
  options: { includeArchived?: boolean; spaceId?: string } = {},
): Promise<Space[]> {
  if (options.spaceId) return [await ctx.scope.space(ctx.client, options.spaceId)];
  const spaces = await activeAndArchived(options.includeArchived ?? false, (archived) =>
    ctx.client.spaces.list(ctx.scope.workspaceId, { archived }),
  );
  return spaces.filter((s) => ctx.scope.allowsSpace(s.id));
}

async function loadSpaceTree(ctx: ToolContext, space: Space, includeArchived: boolean): Promise<TreeSpace> {
  const [folders, folderless] = await Promise.all([
    activeAndArchived(includeArchived, (archived) => ctx.client.folders.list(space.id, { archived })),
    activeAndArchived(includeArchived, (archived) => ctx.client.lists.listFolderless(space.id, { archived })),
  ]);
  const visible = folders.filter((f) => f.hidden !== true);
  // Get Folders nests only active lists; archived ones inside a folder need a request per folder.
  const archivedLists = includeArchived
    ? await mapLimit(
        visible,
        async (f) => (await ctx.client.lists.listInFolder(f.id, { archived: true })).data,
      )
    : visible.map(() => [] as List[]);
  // Every list read here lives under a space of the server's workspace.
  ctx.scope.rememberLists(
    [...folders.flatMap((f) => f.lists), ...archivedLists.flat(), ...folderless].map((l) => l.id),
  );
  const statuses = space.statuses.map((s) => s.status);
  const folderTree = (folder: Folder, extra: List[]): TreeFolder => ({
    id: folder.id,
    name: folder.name,
    ...archivedFlag(folder),
    lists: [...new Map([...folder.lists, ...extra].map((l) => [l.id, l])).values()]
      .filter((l) => includeArchived || l.archived !== true)
      .map((l) => treeList(l, statuses)),
  });
  return {
    id: space.id,
    name: space.name,
    ...archivedFlag(space),
    statuses,
    folders: visible.map((f, i) => folderTree(f, archivedLists[i])),
    lists: folderless.filter((l) => realFolder(l) === null).map((l) => treeList(l, statuses)),
  };
}

/** Space → folder → list, fetching each space's folders and folderless lists in parallel. */
export async function loadTree(
  ctx: ToolContext,
  options: { includeArchived?: boolean; spaceId?: string; spacesOnly?: boolean } = {},
): Promise<TreeSpace[]> {
  const includeArchived = options.includeArchived ?? false;
  const spaces = await loadSpaces(ctx, options);
  if (options.spacesOnly) {
    return spaces.map((s) => ({
      id: s.id,
      name: s.name,
      ...archivedFlag(s),
      statuses: s.statuses.map((st) => st.status),
      folders: [],
      lists: [],
    }));
  }
  return mapLimit(spaces, (space) => loadSpaceTree(ctx, space, includeArchived));
}
