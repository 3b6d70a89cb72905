import type { Stack } from '../support/stack';

/** The sandbox's own API, read directly as the owner: the ground truth a workflow's outcome is checked against. */
export function sandboxApi(stack: Stack) {
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.sandboxUrl}/api${path}`, {
      headers: { authorization: 'pk_sandbox_owner' },
    });
    if (!res.ok) throw new Error(`sandbox GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

export type SandboxGet = ReturnType<typeof sandboxApi>;

export interface RawTask {
  id: string;
  name: string;
  parent: string | null;
  status: { status: string; type: string };
  priority: { id: string; priority: string } | null;
  assignees: { id: number; username: string }[];
  space: { id: string };
  list: { id: string };
  custom_fields: {
    id: string;
    name: string;
    value?: unknown;
    type_config: { options?: { id: string; name: string; orderindex: number }[] };
  }[];
  dependencies: { task_id: string; depends_on: string }[];
  linked_tasks: { task_id: string }[];
  /** Present only on a task that has attachments, as ClickUp answers it. */
  attachments?: { id: string; title: string; size: number }[];
}

export interface RawTimeEntry {
  id: string;
  task?: { id: string };
  billable: boolean;
  start: string;
  end?: string | number;
  duration: string | number;
  description: string;
}

/** Every task of a workspace matching the query, across ClickUp's pages of 100. */
export async function allTeamTasks(get: SandboxGet, teamId: string, query = ''): Promise<RawTask[]> {
  const tasks: RawTask[] = [];
  for (let page = 0; ; page++) {
    const body = await get<{ tasks: RawTask[]; last_page: boolean }>(
      `/v2/team/${teamId}/task?page=${page}${query}`,
    );
    tasks.push(...body.tasks);
    if (body.last_page || body.tasks.length === 0) return tasks;
  }
}

/** One time entry; ClickUp's example wraps it in an array while its schema says object, so both are read. */
export async function timeEntry(get: SandboxGet, teamId: string, id: string): Promise<RawTimeEntry> {
  const body = await get<{ data: RawTimeEntry | RawTimeEntry[] }>(`/v2/team/${teamId}/time_entries/${id}`);
  const entry = Array.isArray(body.data) ? body.data[0] : body.data;
  if (!entry) throw new Error(`time entry ${id} not found in the sandbox`);
  return entry;
}
