import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());
beforeEach(() => run.sandbox.reset());

interface Task {
  id: string;
  list: { id: string; name: string };
  status: { id: string; status: string };
  locations: { id: string; name: string }[];
  linked_tasks: { task_id: string }[];
}
interface Times {
  current_status: { status: string; total_time: { by_minute: number; since: string } };
  status_history: { status: string; type: string; total_time: { by_minute: number; since: string } }[];
}
interface V3Error {
  status: number;
  message: string;
}

const task = async (id: string) => (await run.api.get<Task>(`/api/v2/task/${id}`)).body;
const move = (taskId: string, listId: string, body: unknown = {}, workspace = run.seed.acme) =>
  run.api.put<{ data: { task_id: string; new_list_id: string } } & V3Error>(
    `/api/v3/workspaces/${workspace}/tasks/${taskId}/home_list/${listId}`,
    body,
  );

describe('moving a task to a new home List (v3)', () => {
  it('keeps a status of the same name and answers the new list', async () => {
    const { seed } = run;
    const id = seed.tasks['Tooltip text truncated in Firefox'].id;
    const res = await move(id, seed.lists['Incoming Bugs']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { task_id: id, new_list_id: seed.lists['Incoming Bugs'] } });
    expect((await task(id)).list.name).toBe('Incoming Bugs');
  });

  it('needs a status mapping when the new list lacks the status, in the v3 error shape', async () => {
    const { seed } = run;
    const id = seed.tasks['Onboarding flow redesign'].id;
    const launch = seed.lists['Q3 Marketing Launch'];
    const refused = await move(id, launch);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ status: 400, message: expect.stringContaining('status_mappings') });
    expect((await task(id)).list.name).toBe('Sprint 42');

    const list = await run.api.get<{ statuses: { id: string; status: string }[] }>(`/api/v2/list/${launch}`);
    const review = defined(list.body.statuses.find((s) => s.status === 'review'));
    const source = (await task(id)).status.id;
    const mapped = await move(id, launch, {
      status_mappings: [{ source_status_id: source, destination_status_id: review.id }],
    });
    expect(mapped.status).toBe(200);
    expect(await task(id)).toMatchObject({ list: { id: launch }, status: { status: 'review' } });
  });

  it('answers 404 for a task or list of another workspace', async () => {
    const { seed } = run;
    const id = seed.tasks['Tooltip text truncated in Firefox'].id;
    const globexList = defined(
      Object.entries(seed.lists).find(([name]) => name === 'Globex Roadmap'),
      'Globex Roadmap',
    )[1];
    expect((await move(id, globexList)).status).toBe(404);
    expect((await move('nope', seed.lists['Bug Backlog'])).status).toBe(404);
  });
});

describe('Tasks in Multiple Lists', () => {
  it('adds a task to a further list, shown in locations and include_timl, and removes it', async () => {
    const { api, seed } = run;
    const id = seed.tasks['Refactor Login Component'].id;
    const backlog = seed.lists['Bug Backlog'];
    const added = await api.post(`/api/v2/list/${backlog}/task/${id}`);
    expect(added).toMatchObject({ status: 200, body: {} });
    expect((await task(id)).locations).toEqual([{ id: backlog, name: 'Bug Backlog' }]);
    const timl = await api.get<{ tasks: { id: string }[] }>(`/api/v2/list/${backlog}/task`, {
      query: { include_timl: true },
    });
    expect(timl.body.tasks.map((t) => t.id)).toContain(id);
    expect((await api.delete(`/api/v2/list/${backlog}/task/${id}`)).status).toBe(200);
    expect((await task(id)).locations).toEqual([]);
  });

  it('refuses removing a task from its home List', async () => {
    const { api, seed } = run;
    const id = seed.tasks['Refactor Login Component'].id;
    const res = await api.delete<{ err: string; ECODE: string }>(
      `/api/v2/list/${seed.lists['Sprint 42']}/task/${id}`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      err: 'A task cannot be removed from its home List',
      ECODE: expect.any(String),
    });
  });
});

describe('task links', () => {
  it('are symmetric: a link made from one task shows on both and is removed from either', async () => {
    const { api, seed } = run;
    const a = seed.tasks['Refactor Login Component'].id;
    const b = seed.tasks['Upgrade Node.js to 20 LTS'].id;
    const links = async (id: string) => (await task(id)).linked_tasks.map((l) => l.task_id);
    await api.post(`/api/v2/task/${a}/link/${b}`);
    expect(await links(b)).toEqual([a]);
    expect(await links(a)).toContain(b);
    await api.delete(`/api/v2/task/${b}/link/${a}`);
    expect(await links(a)).not.toContain(b);
    expect(await links(b)).toEqual([]);
  });
});

describe('time in status', () => {
  it('adds up the recorded statuses of a seeded task', async () => {
    const { api, seed } = run;
    const id = seed.tasks['Upgrade Node.js to 20 LTS'].id;
    const res = await api.get<Times>(`/api/v2/task/${id}/time_in_status`);
    expect(res.status).toBe(200);
    expect(res.body.current_status.status).toBe('review');
    expect(res.body.status_history.map((h) => h.status)).toEqual(['to do', 'review']);
    expect(res.body.status_history[0].total_time.by_minute).toBeGreaterThan(24 * 60);
  });

  it('records status changes of updates and moves, and answers several tasks by their ids or custom ids', async () => {
    const { api, seed } = run;
    const login = seed.tasks['Refactor Login Component'];
    await api.put(`/api/v2/task/${login.id}`, { status: 'review' });
    await api.put(`/api/v2/task/${login.id}`, { status: 'in progress' });
    const node = seed.tasks['Upgrade Node.js to 20 LTS'];
    const bulk = await api.get<Record<string, Times>>('/api/v2/task/bulk_time_in_status/task_ids', {
      query: {
        task_ids: [defined(login.custom_id), defined(node.custom_id)],
        custom_task_ids: true,
        team_id: seed.acme,
      },
    });
    expect(bulk.status).toBe(200);
    expect(Object.keys(bulk.body)).toEqual([login.custom_id, node.custom_id]);
    const mine = bulk.body[defined(login.custom_id)];
    expect(mine.current_status.status).toBe('in progress');
    expect(mine.status_history.map((h) => h.status)).toEqual(['to do', 'in progress', 'review']);
  });

  it('takes 2 to 100 task ids in bulk', async () => {
    const { api, seed } = run;
    const one = await api.get('/api/v2/task/bulk_time_in_status/task_ids', {
      query: { task_ids: [seed.tasks['Refactor Login Component'].id] },
    });
    expect(one.status).toBe(400);
  });
});

describe('custom task ids', () => {
  it('need team_id with custom_task_ids=true', async () => {
    const { api, seed } = run;
    const eng = defined(seed.tasks['Refactor Login Component'].custom_id);
    const res = await api.get<{ err: string }>(`/api/v2/task/${eng}`, { query: { custom_task_ids: true } });
    expect(res.status).toBe(400);
    expect(res.body.err).toContain('team_id');
    const found = await api.get<{ id: string }>(`/api/v2/task/${eng}`, {
      query: { custom_task_ids: true, team_id: seed.acme },
    });
    expect(found.body.id).toBe(seed.tasks['Refactor Login Component'].id);
  });
});
