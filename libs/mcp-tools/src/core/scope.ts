import type { ClickUpClient, Folder, List, Space, Task } from '@gw/clickup-client';
import { isCustomTaskId } from './custom-task-ids';
import { forbidden } from './tool-error';

const MAX_REMEMBERED_LISTS = 10_000;

type TaskReadOptions = Parameters<ClickUpClient['tasks']['get']>[1];

/** Lists a scope found in its workspace, as a queued call carries them to the worker. */
export interface ScopeKnowledge {
  workspace_id: string;
  lists: string[];
}

/**
 * What a server's scope learns from ClickUp and keeps across calls: a space never changes workspace, and a list can
 * move between spaces but never leaves its workspace.
 */
class WorkspaceMemory {
  /** Spaces seen in the workspace's space list. */
  readonly spaces = new Set<string>();
  readonly loadingSpaces = new Map<boolean, Promise<void>>();
  /**
   * Lists seen in the workspace, for servers not pinned to spaces: a write to a known list needs no read first (half
   * the requests, half the rate budget).
   */
  readonly lists = new Set<string>();
  readonly checkingLists = new Map<string, Promise<void>>();
}

/**
 * The part of ClickUp an MCP server may see: one workspace, and optionally some of its spaces.
 * Every id an agent passes is checked by fetching the object it names and asking which space it lives in, so an
 * agent that guesses ids learns nothing: an out-of-scope object and a missing one answer alike.
 *
 * A tool call works with `forCall()`, a view of the server's scope that fetches each object once for that call:
 * the guard proves an id by fetching its object, and the handler asking for the same object gets that one.
 */
export class Scope {
  private readonly spaces: ReadonlySet<string> | null;
  // Shared with the server's call views (see `forCall`), hence assigned there and not readonly.
  private memory = new WorkspaceMemory();
  /** What this call fetched, by kind and id; null on the server's own scope, which fetches every time. */
  private fetched: Map<string, Promise<unknown>> | null = null;

  /**
   * Whether objects that belong to the workspace rather than a space (goals, the member directory) are reachable:
   * see `reachesWorkspaceObjects`.
   */
  readonly workspaceObjects: boolean;

  constructor(
    readonly workspaceId: string,
    spaceIds: readonly string[] = [],
    options: { allowWorkspaceObjects?: boolean } = {},
  ) {
    this.spaces = spaceIds.length > 0 ? new Set(spaceIds) : null;
    this.workspaceObjects = reachesWorkspaceObjects(spaceIds, options.allowWorkspaceObjects);
  }

  /**
   * This scope for one tool call: the same workspace, pin and memory, plus the objects the call has fetched, so a
   * guard's proof and the handler after it cost one request. Never kept past the call: objects change between calls.
   */
  forCall(): Scope {
    const call = new Scope(this.workspaceId, this.spaceIds ?? [], {
      allowWorkspaceObjects: this.workspaceObjects,
    });
    call.memory = this.memory;
    call.fetched = new Map();
    return call;
  }

  /**
   * `fetch()` once per call under `key` (kind and id): later asks, and concurrent ones, share its answer, a refusal
   * included. Outside a call it fetches every time.
   */
  once<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    if (!this.fetched) return fetch();
    let found = this.fetched.get(key) as Promise<T> | undefined;
    if (!found) {
      found = fetch();
      this.fetched.set(key, found);
    }
    return found;
  }

  get spaceIds(): string[] | null {
    return this.spaces ? [...this.spaces] : null;
  }

  /**
   * Refuses workspace-level objects on a server pinned to spaces unless an admin allowed them; `instead` tells the
   * agent what it may ask for in its spaces.
   */
  assertWorkspaceObjects(what: string, instead = ''): void {
    if (!this.workspaceObjects) {
      throw forbidden(
        `${what} belong to the whole workspace, and this MCP server is pinned to spaces; an admin can allow ` +
          `workspace-level objects in its settings.${instead ? ` ${instead}` : ''}`,
      );
    }
  }

  allowsSpace(spaceId: string | null | undefined): boolean {
    if (!this.spaces) return true;
    return spaceId !== null && spaceId !== undefined && this.spaces.has(String(spaceId));
  }

  /** An answer that does not name its workspace proves nothing, and is refused like one naming another. */
  assertWorkspace(workspaceId: string | null | undefined, what = 'That object'): void {
    if (!this.inWorkspace(workspaceId)) {
      throw forbidden(`${what} is outside the workspace this MCP server is scoped to.`);
    }
  }

  inWorkspace(workspaceId: string | number | null | undefined): boolean {
    return workspaceId !== undefined && workspaceId !== null && String(workspaceId) === this.workspaceId;
  }

  assertSpace(spaceId: string | null | undefined, what = 'That object'): void {
    if (!this.allowsSpace(spaceId))
      throw forbidden(`${what} is outside the spaces this MCP server is scoped to.`);
  }

  /**
   * Checks a space id against the pinned spaces and the workspace. ClickUp's space, folder and list objects carry
   * no workspace id, and one token may see several workspaces, so membership is read from the workspace's space
   * list (cached; refetched only on a miss, archived spaces last).
   */
  async checkSpace(
    client: ClickUpClient,
    spaceId: string | null | undefined,
    what = 'That object',
  ): Promise<void> {
    this.assertSpace(spaceId, what);
    const id = String(spaceId ?? '');
    if (this.memory.spaces.has(id)) return;
    for (const archived of [false, true]) {
      await this.loadSpaces(client, archived);
      if (this.memory.spaces.has(id)) return;
    }
    throw forbidden(`${what} is outside the workspace this MCP server is scoped to.`);
  }

  private loadSpaces(client: ClickUpClient, archived: boolean): Promise<void> {
    return shareFetch(this.memory.loadingSpaces, archived, () =>
      client.spaces.list(this.workspaceId, { archived }).then(({ data }) => {
        for (const space of data) this.memory.spaces.add(space.id);
      }),
    );
  }

  /**
   * Fetches a task and checks it is in scope; the fetched task is returned for reuse. A custom task id (`ENG-14`,
   * or any id with `customTaskIds`) is read in this workspace, and the task is then also known by its own id, so a
   * handler given that id next reads nothing.
   */
  task(client: ClickUpClient, taskId: string, options: TaskReadOptions = {}): Promise<Task> {
    const { customTaskIds, teamId: _, ...read } = options;
    const shown = JSON.stringify(read);
    const custom = customTaskIds === true || isCustomTaskId(taskId);
    return this.once(`task ${taskId} ${shown}`, async () => {
      const { data } = await client.tasks.get(
        taskId,
        custom ? { ...read, customTaskIds: true, teamId: this.workspaceId } : read,
      );
      this.assertWorkspace(data.team_id, 'That task');
      this.assertSpace(data.space?.id, 'That task');
      // A task that names this workspace proves its list is in it: a write to that list next needs no list read.
      if (data.team_id === this.workspaceId && data.list?.id) this.rememberLists([data.list.id]);
      if (data.id !== taskId) this.fetched?.set(`task ${data.id} ${shown}`, Promise.resolve(data));
      return data;
    });
  }

  list(client: ClickUpClient, listId: string): Promise<List> {
    return this.once(`list ${listId}`, async () => {
      const { data } = await client.lists.get(listId);
      await this.checkSpace(client, data.space?.id, 'That list');
      return data;
    });
  }

  /**
   * Checks a list is in scope without returning it. Unpinned servers remember lists they have checked; servers
   * pinned to spaces check every time, because a list can be moved to a space outside the pin.
   */
  async checkList(client: ClickUpClient, listId: string): Promise<void> {
    if (this.memory.lists.has(listId)) return;
    if (this.spaces) {
      await this.list(client, listId);
      return;
    }
    // A burst of writes to one list shares one read.
    await shareFetch(this.memory.checkingLists, listId, () =>
      this.list(client, listId).then(() => this.rememberLists([listId])),
    );
  }

  /**
   * Lists just read under this workspace's spaces (the hierarchy tools walk them), remembered like checked ones on
   * servers not pinned to spaces, so an agent that looked the tree up first writes without a list read.
   */
  rememberLists(listIds: Iterable<string>): void {
    if (this.spaces) return;
    for (const id of listIds) {
      if (this.memory.lists.size >= MAX_REMEMBERED_LISTS) this.memory.lists.clear();
      this.memory.lists.add(id);
    }
  }

  /**
   * What this scope already knows about the lists a call's arguments name (`list_id`, `list_ids`), to travel with
   * the call when the retry queue takes it over: the worker then does not read them again. Nothing on a pinned
   * server, which checks every time.
   */
  knowledgeFor(args: Readonly<Record<string, unknown>>): ScopeKnowledge | undefined {
    const named = [args['list_id'], ...(Array.isArray(args['list_ids']) ? args['list_ids'] : [])];
    const lists = named.filter((id): id is string => typeof id === 'string' && this.memory.lists.has(id));
    return lists.length > 0 ? { workspace_id: this.workspaceId, lists } : undefined;
  }

  /** Takes on another scope's knowledge of the same workspace (see `knowledgeFor`). */
  adopt(knowledge: ScopeKnowledge | undefined): void {
    if (knowledge?.workspace_id === this.workspaceId) this.rememberLists(knowledge.lists);
  }

  folder(client: ClickUpClient, folderId: string): Promise<Folder> {
    return this.once(`folder ${folderId}`, async () => {
      const { data } = await client.folders.get(folderId);
      await this.checkSpace(client, data.space?.id, 'That folder');
      return data;
    });
  }

  space(client: ClickUpClient, spaceId: string): Promise<Space> {
    return this.once(`space ${spaceId}`, async () => {
      await this.checkSpace(client, spaceId, 'That space');
      const { data } = await client.spaces.get(spaceId);
      return data;
    });
  }
}

/**
 * Goals (and any other object of the workspace as a whole) sit in no space, so no space pin can prove them: a
 * server pinned to spaces reaches them only when an admin allowed it; a server of the whole workspace always does.
 */
export function reachesWorkspaceObjects(spaceIds: readonly string[], allowed: boolean | undefined): boolean {
  return spaceIds.length === 0 || allowed === true;
}

/**
 * Concurrent misses share one fetch (under a rate limit, every extra request is a wait). A caller whose shared fetch
 * failed fetches with its own client: the failure may belong to another call (one handed to the retry queue, say).
 */
async function shareFetch<K>(
  inflight: Map<K, Promise<void>>,
  key: K,
  fetch: () => Promise<void>,
): Promise<void> {
  const shared = inflight.get(key);
  if (shared) {
    try {
      return await shared;
    } catch {
      // fetched below with this caller's client
    }
  }
  const own = fetch();
  inflight.set(key, own);
  try {
    await own;
  } finally {
    if (inflight.get(key) === own) inflight.delete(key);
  }
}
