import { ToolCatalog, type ToolGroup } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type ToolHost } from './tool-host';

/**
 * The seeded sandbox hierarchy read straight from its ClickUp API (not through the tools under test), so
 * the integration suites can name ids and check what a tool changed.
 */
export interface SeedIds {
  acme: string;
  globex: string;
  spaces: Record<'Engineering' | 'Marketing' | 'Customer Success' | 'Operations', string>;
  folders: Record<'Product Engineering' | 'Campaigns', string>;
  lists: Record<
    | 'Sprint 42'
    | 'Incoming Bugs'
    | 'Bug Backlog'
    | 'Database Migrations'
    | 'Q3 Marketing Launch'
    | 'Customer Success Q3'
    | 'Globex Roadmap',
    string
  >;
  users: Record<'owner' | 'sarah' | 'guest', number>;
}

export interface ClickUpReply<T> {
  status: number;
  body: T;
}

export async function clickup<T = Record<string, unknown>>(
  sandboxUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ClickUpReply<T>> {
  const res = await fetch(`${sandboxUrl}/api/v2${path}`, {
    method,
    headers: { authorization: options.token ?? 'pk_sandbox_owner', 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

type Named = { id: string; name: string };
type Team = Named & { members: { user: { id: number; username: string } }[] };

export async function seedIds(sandboxUrl: string): Promise<SeedIds> {
  const get = async <T>(path: string, token?: string) =>
    (await clickup<T>(sandboxUrl, 'GET', path, { token })).body;
  const [owner, guest] = await Promise.all([
    get<{ teams: Team[] }>('/team'),
    get<{ teams: Team[] }>('/team', 'pk_sandbox_guest'),
  ]);
  const acme = owner.teams.find((t) => t.name === 'Acme Corp') as Team;
  const globex = guest.teams.find((t) => t.name === 'Globex') as Team;
  const byName = (items: Named[]) => Object.fromEntries(items.map((i) => [i.name, i.id]));
  const acmeSpaces = (await get<{ spaces: Named[] }>(`/team/${acme.id}/space`)).spaces;
  const globexSpaces = (await get<{ spaces: Named[] }>(`/team/${globex.id}/space`, 'pk_sandbox_guest'))
    .spaces;
  const spaces = byName([...acmeSpaces, ...globexSpaces]);
  const folders: Named[] = [];
  const lists: Named[] = [];
  for (const space of acmeSpaces) {
    const found = (await get<{ folders: (Named & { lists: Named[] })[] }>(`/space/${space.id}/folder`))
      .folders;
    folders.push(...found);
    for (const f of found) lists.push(...f.lists);
    lists.push(...(await get<{ lists: Named[] }>(`/space/${space.id}/list`)).lists);
  }
  const ops = spaces['Operations'];
  lists.push(...(await get<{ lists: Named[] }>(`/space/${ops}/list`, 'pk_sandbox_guest')).lists);
  const userId = (team: Team, prefix: string) =>
    team.members.find((m) => m.user.username.startsWith(prefix))?.user.id as number;
  return {
    acme: acme.id,
    globex: globex.id,
    spaces: spaces as SeedIds['spaces'],
    folders: byName(folders) as SeedIds['folders'],
    lists: byName(lists) as SeedIds['lists'],
    users: { owner: userId(acme, 'Alex'), sarah: userId(acme, 'Sarah'), guest: userId(globex, 'Grace') },
  };
}

export interface HierarchyHosts {
  sandboxUrl: string;
  ids: SeedIds;
  /** Owner token, whole Acme workspace. */
  host: ToolHost;
  /** Owner token, pinned to the Engineering space. */
  pinned: ToolHost;
  /** Globex's guest token on a server pinned to Acme: the token sees Globex, the server must not. */
  foreign: ToolHost;
  close(): Promise<void>;
}

/** A sandbox and three MCP hosts over the hierarchy tools, for one integration suite. */
export async function startHierarchyHosts(groups: readonly ToolGroup[]): Promise<HierarchyHosts> {
  const sandbox = await startSandbox();
  try {
    const ids = await seedIds(sandbox.url);
    const catalog = new ToolCatalog(groups);
    const common = { catalog, sandboxUrl: sandbox.url, workspaceId: ids.acme };
    const [host, pinned, foreign] = await Promise.all([
      startToolHost(common),
      startToolHost({ ...common, spaceIds: [ids.spaces.Engineering] }),
      startToolHost({ ...common, token: 'pk_sandbox_guest' }),
    ]);
    return {
      sandboxUrl: sandbox.url,
      ids,
      host,
      pinned,
      foreign,
      close: async () => {
        await Promise.all([host.close(), pinned.close(), foreign.close()]);
        await sandbox.stop();
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** The ClickUp requests the sandbox received since the last call (method and path), then clears its log. */
export async function takeRequests(sandboxUrl: string): Promise<string[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/requests`);
  const { requests } = (await res.json()) as { requests: { method: string; path: string }[] };
  await fetch(`${sandboxUrl}/_sandbox/requests`, { method: 'DELETE' });
  return requests.map((r) => `${r.method} ${r.path}`);
}
