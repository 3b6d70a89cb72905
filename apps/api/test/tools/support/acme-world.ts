/**
 * Names → ids of the sandbox's seeded world, read straight from its ClickUp API (not through the tools under
 * test), plus raw reads to check what a tool changed.
 */
export interface SandboxTask {
  id: string;
  custom_id: string | null;
  name: string;
  status: { status: string };
  priority: { id: string; priority: string } | null;
  assignees: { id: number; username: string }[];
  tags: { name: string }[];
  parent: string | null;
  due_date: string | null;
  markdown_description?: string;
  description: string;
  custom_fields: { id: string; name: string; type: string; value?: unknown }[];
  dependencies: { task_id: string; depends_on: string }[];
  list: { id: string; name: string };
  space: { id: string };
}

export interface AcmeWorld {
  acmeId: string;
  globexId: string;
  ownerId: number;
  sarahId: number;
  davidId: number;
  spaces: Record<string, string>;
  lists: Record<string, string>;
  /** Task ids by name, Acme and Globex, closed tasks and subtasks included (as seeded). */
  tasks: Record<string, string>;
  globexSpaceId: string;
  globexListId: string;
}

export async function raw<T>(
  sandboxUrl: string,
  path: string,
  init: { token?: string; method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandboxUrl}/api/v2${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: init.token ?? 'pk_sandbox_owner', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A task as the sandbox holds it now (with markdown), or null when it is gone. */
export async function sandboxTask(sandboxUrl: string, id: string): Promise<SandboxTask | null> {
  const { status, body } = await raw<SandboxTask>(
    sandboxUrl,
    `/task/${id}?include_markdown_description=true`,
  );
  return status === 200 ? body : null;
}

export async function resetSandbox(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/_sandbox/reset`, { method: 'POST' });
}

async function allTasks(sandboxUrl: string, teamId: string, token: string) {
  const tasks: { id: string; name: string; list: { id: string; name: string }; space: { id: string } }[] = [];
  for (let page = 0; ; page++) {
    const { body } = await raw<{ tasks: typeof tasks; last_page: boolean }>(
      sandboxUrl,
      `/team/${teamId}/task?include_closed=true&subtasks=true&page=${page}`,
      { token },
    );
    tasks.push(...body.tasks);
    if (body.last_page) return tasks;
  }
}

export async function loadAcmeWorld(sandboxUrl: string): Promise<AcmeWorld> {
  const teams = await raw<{
    teams: { id: string; name: string; members: { user: { id: number; username: string } }[] }[];
  }>(sandboxUrl, '/team');
  const acme = teams.body.teams.find((t) => t.name === 'Acme Corp');
  const globexTeams = await raw<{ teams: { id: string; name: string }[] }>(sandboxUrl, '/team', {
    token: 'pk_sandbox_guest',
  });
  const globex = globexTeams.body.teams.find((t) => t.name === 'Globex');
  if (!acme || !globex) throw new Error('the sandbox is not seeded as expected');
  const userId = (prefix: string) =>
    acme.members.find((m) => m.user.username.startsWith(prefix))?.user.id as number;
  const spaces = await raw<{ spaces: { id: string; name: string }[] }>(sandboxUrl, `/team/${acme.id}/space`);
  const acmeTasks = await allTasks(sandboxUrl, acme.id, 'pk_sandbox_owner');
  const globexTasks = await allTasks(sandboxUrl, globex.id, 'pk_sandbox_guest');
  const lists: Record<string, string> = {};
  for (const t of [...acmeTasks, ...globexTasks]) lists[t.list.name] = t.list.id;
  const globexTask = globexTasks[0];
  return {
    acmeId: acme.id,
    globexId: globex.id,
    ownerId: userId('Alex'),
    sarahId: userId('Sarah'),
    davidId: userId('David'),
    spaces: Object.fromEntries(spaces.body.spaces.map((s) => [s.name, s.id])),
    lists,
    tasks: Object.fromEntries([...acmeTasks, ...globexTasks].map((t) => [t.name, t.id])),
    globexSpaceId: globexTask.space.id,
    globexListId: globexTask.list.id,
  };
}
