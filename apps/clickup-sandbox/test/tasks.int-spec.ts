import { defined, startSandbox, type Client, type Running, type TaskLike } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface TaskPage {
  tasks: (TaskLike & {
    status: { status: string; type: string };
    assignees: { id: number }[];
    tags: { name: string }[];
    parent: string | null;
  })[];
  last_page: boolean;
}

const names = (page: TaskPage) => page.tasks.map((t) => t.name).sort();

async function newList(api: Client, name: string): Promise<string> {
  const res = await api.post<{ id: string }>(`/api/v2/space/${run.seed.spaces['Engineering']}/list`, {
    name,
  });
  expect(res.status).toBe(200);
  return res.body.id;
}

describe('pagination', () => {
  it.each([
    [0, [0], [true]],
    [100, [100, 0], [true, true]],
    [101, [100, 1], [false, true]],
  ])('%i tasks: pages of 100 with last_page', async (count, sizes, lastPages) => {
    const { api } = run;
    const list = await newList(api, `Paging ${count}`);
    for (let i = 0; i < count; i++)
      expect((await api.post(`/api/v2/list/${list}/task`, { name: `Task ${i}` })).status).toBe(200);
    for (let page = 0; page < sizes.length; page++) {
      const res = await api.get<TaskPage>(`/api/v2/list/${list}/task`, { query: { page } });
      expect({ page, size: res.body.tasks.length, last: res.body.last_page }).toEqual({
        page,
        size: sizes[page],
        last: lastPages[page],
      });
    }
    const team = await api.get<TaskPage>(`/api/v2/team/${run.seed.acme}/task`, {
      query: { 'list_ids[]': list },
    });
    expect(team.body.tasks.length).toBe(Math.min(count, 100));
    expect(team.body.last_page).toBe(count <= 100);
  });
});

describe('task filters', () => {
  // Back to the pristine seed (same ids: they are deterministic) so the paging lists above do not count.
  beforeAll(() => run.sandbox.reset());
  const sprint = () => `/api/v2/list/${run.seed.lists['Sprint 42']}/task`;
  const team = () => `/api/v2/team/${run.seed.acme}/task`;

  it('excludes closed tasks and subtasks unless asked', async () => {
    const { api } = run;
    const open = await api.get<TaskPage>(sprint());
    expect(open.body.tasks.every((t) => t.status.type !== 'closed' && t.parent === null)).toBe(true);
    expect(names(open.body)).not.toContain('Set up staging environment');
    const closed = await api.get<TaskPage>(sprint(), { query: { include_closed: true } });
    expect(names(closed.body)).toContain('Set up staging environment');
    const subtasks = await api.get<TaskPage>(sprint(), { query: { subtasks: true } });
    expect(names(subtasks.body)).toEqual(
      expect.arrayContaining(['Design new welcome screen', 'Update onboarding copy']),
    );
  });

  it('filters by statuses, in both key forms and any case', async () => {
    const { api } = run;
    const bracket = await api.get<TaskPage>(sprint(), { query: { 'statuses[]': ['in progress', 'review'] } });
    const plain = await api.get<TaskPage>(sprint(), { query: { statuses: ['IN PROGRESS', 'Review'] } });
    expect(names(bracket.body)).toEqual([
      'Add dark mode toggle',
      'Avatar upload fails for PNG files over 2 MB',
      'Refactor Login Component',
      'Upgrade Node.js to 20 LTS',
    ]);
    expect(names(plain.body)).toEqual(names(bracket.body));
    // Naming a closed status returns those tasks.
    const done = await api.get<TaskPage>(sprint(), { query: { 'statuses[]': 'complete' } });
    expect(names(done.body)).toEqual([
      'Date picker ignores the user time zone',
      'Fix flaky CI pipeline',
      'Set up staging environment',
    ]);
  });

  it('filters by assignees and tags', async () => {
    const { api, seed } = run;
    const mine = await api.get<TaskPage>(team(), { query: { 'assignees[]': seed.users.owner } });
    expect(mine.body.tasks.length).toBeGreaterThan(5);
    expect(mine.body.tasks.every((t) => t.assignees.some((a) => a.id === seed.users.owner))).toBe(true);
    const either = await api.get<TaskPage>(team(), {
      query: { assignees: [seed.users.sarah, seed.users.david] },
    });
    expect(
      either.body.tasks.every((t) =>
        t.assignees.some((a) => a.id === seed.users.sarah || a.id === seed.users.david),
      ),
    ).toBe(true);
    const tagged = await api.get<TaskPage>(team(), { query: { 'tags[]': 'frontend' } });
    expect(names(tagged.body)).toEqual([
      'Add dark mode toggle',
      'Onboarding flow redesign',
      'Refactor Login Component',
      'Tooltip text truncated in Firefox',
    ]);
    const bugs = await api.get<TaskPage>(`/api/v2/list/${seed.lists['Incoming Bugs']}/task`, {
      query: { tags: 'bug' },
    });
    // Eight bugs wait for triage, unassigned; two blocked ones are David's.
    expect(bugs.body.tasks).toHaveLength(10);
    expect(bugs.body.tasks.filter((t) => t.assignees.length === 0)).toHaveLength(8);
    const davids = bugs.body.tasks.filter((t) => t.assignees.some((a) => a.id === seed.users.david));
    expect(davids.map((t) => t.name).sort()).toEqual([
      'CSV export times out for large workspaces',
      'Push notifications missing on Android 14',
    ]);
  });

  it('filters by watchers, custom_items[] and archived', async () => {
    const { api, seed } = run;
    const watched = await api.get<TaskPage>(sprint(), { query: { 'watchers[]': seed.users.sarah } });
    expect(names(watched.body)).toEqual([
      'Add dark mode toggle',
      'Avatar upload fails for PNG files over 2 MB',
      'Onboarding flow redesign',
      'Refactor Login Component',
      'Search results skip the first page',
    ]);
    const id = (
      await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Sprint 42']}/task`, {
        name: 'Milestone',
        custom_item_id: 1,
      })
    ).body.id;
    const milestones = await api.get<TaskPage>(sprint(), { query: { 'custom_items[]': 1 } });
    expect(names(milestones.body)).toEqual(['Milestone']);
    await api.put(`/api/v2/task/${id}`, { archived: true });
    expect(names((await api.get<TaskPage>(sprint(), { query: { 'custom_items[]': 1 } })).body)).toEqual([]);
    expect(names((await api.get<TaskPage>(sprint(), { query: { archived: true } })).body)).toEqual([
      'Milestone',
    ]);
    await api.delete(`/api/v2/task/${id}`);
  });

  it('filters by due, created, updated and done dates', async () => {
    const { api } = run;
    const now = Date.now();
    const dueSoon = await api.get<TaskPage>(team(), {
      query: { due_date_gt: now, due_date_lt: now + 3.5 * 86_400_000 },
    });
    expect(names(dueSoon.body)).toEqual([
      'Acme Retail renewal at risk after SSO outage',
      'Migrate users table to UUID keys',
      'Press release review',
      'Refactor Login Component',
      'Upgrade Node.js to 20 LTS',
    ]);
    const overdue = await api.get<TaskPage>(team(), { query: { due_date_lt: now } });
    expect(names(overdue.body)).toEqual(['Add index on orders.created_at']);
    const recent = await api.get<TaskPage>(team(), { query: { date_created_gt: now - 2.5 * 86_400_000 } });
    expect(recent.body.tasks.length).toBeGreaterThan(0);
    for (const t of recent.body.tasks)
      expect(Number(t['date_created'])).toBeGreaterThan(now - 2.5 * 86_400_000);
    const old = await api.get<TaskPage>(team(), {
      query: { date_created_lt: now - 26 * 86_400_000, include_closed: true },
    });
    expect(names(old.body)).toEqual([
      'Drop legacy sessions table',
      'Session cookie missing SameSite attribute',
      'Tooltip text truncated in Firefox',
    ]);
    const updated = await api.get<TaskPage>(team(), { query: { date_updated_gt: now - 86_400_000 } });
    expect(names(updated.body)).toEqual(['Login page shows a blank screen after SSO redirect']);
    const doneLately = await api.get<TaskPage>(team(), {
      query: { include_closed: true, date_done_gt: now - 3 * 86_400_000 },
    });
    expect(names(doneLately.body)).toEqual([
      'Date picker ignores the user time zone',
      'Fix flaky CI pipeline',
    ]);
  });

  it('orders by created (newest first), updated, due_date and id, and reverses', async () => {
    const { api } = run;
    const created = await api.get<TaskPage>(sprint());
    const dates = created.body.tasks.map((t) => Number(t['date_created']));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const reversed = await api.get<TaskPage>(sprint(), { query: { reverse: true } });
    expect(reversed.body.tasks.map((t) => t.id)).toEqual(created.body.tasks.map((t) => t.id).reverse());
    const due = await api.get<TaskPage>(sprint(), { query: { order_by: 'due_date', reverse: true } });
    const dueDates = due.body.tasks
      .map((t) => t['due_date'])
      .filter((d): d is string => d !== null)
      .map(Number);
    expect(dueDates).toEqual([...dueDates].sort((a, b) => a - b));
    expect((await api.get(sprint(), { query: { order_by: 'priority' } })).status).toBe(400);
    const byId = await api.get<TaskPage>(sprint(), { query: { order_by: 'id' } });
    expect(byId.body.tasks.length).toBe(created.body.tasks.length);
  });

  it('filters on custom fields with the JSON filter', async () => {
    const { api, seed } = run;
    const fields = (
      await api.get<{
        fields: { id: string; name: string; type_config: { options?: { id: string; name: string }[] } }[];
      }>(`/api/v2/list/${seed.lists['Sprint 42']}/field`)
    ).body.fields;
    const component = defined(fields.find((f) => f.name === 'Component'));
    const points = defined(fields.find((f) => f.name === 'Story Points'));
    const frontend = defined(defined(component.type_config.options).find((o) => o.name === 'Frontend')).id;
    const byOption = await api.get<TaskPage>(team(), {
      query: { custom_fields: JSON.stringify([{ field_id: component.id, operator: '=', value: frontend }]) },
    });
    expect(names(byOption.body)).toEqual(['Add dark mode toggle', 'Refactor Login Component']);
    const big = await api.get<TaskPage>(sprint(), {
      query: { custom_fields: JSON.stringify([{ field_id: points.id, operator: '>=', value: 5 }]) },
    });
    expect(names(big.body)).toEqual(['Implement rate limiter middleware', 'Refactor Login Component']);
    const unset = await api.get<TaskPage>(sprint(), {
      query: { custom_fields: JSON.stringify([{ field_id: points.id, operator: 'IS NULL' }]) },
    });
    expect(names(unset.body)).toEqual([
      'Avatar upload fails for PNG files over 2 MB',
      'Onboarding flow redesign',
      'Release 4.2',
      'Search results skip the first page',
      'Write API docs for v2 endpoints',
    ]);
    const combined = await api.get<TaskPage>(sprint(), {
      query: {
        custom_fields: JSON.stringify([
          { field_id: points.id, operator: 'RANGE', value: [2, 5] },
          { field_id: component.id, operator: 'ANY', value: [frontend] },
        ]),
      },
    });
    expect(names(combined.body)).toEqual(['Add dark mode toggle', 'Refactor Login Component']);
    expect((await api.get(sprint(), { query: { custom_fields: 'not json' } })).status).toBe(400);
  });

  it('narrows team tasks by space_ids, project_ids, list_ids and parent', async () => {
    const { api, seed } = run;
    const marketing = await api.get<TaskPage>(team(), { query: { 'space_ids[]': seed.spaces['Marketing'] } });
    expect(names(marketing.body)).toEqual([
      'Design social media assets',
      'Draft launch blog post',
      'Press release review',
      'Schedule launch webinar',
    ]);
    const folder = await api.get<TaskPage>(team(), {
      query: { 'project_ids[]': seed.folders['Product Engineering'], 'statuses[]': 'blocked' },
    });
    expect(names(folder.body)).toEqual([
      'CSV export times out for large workspaces',
      'Onboarding flow redesign',
      'Push notifications missing on Android 14',
    ]);
    const lists = await api.get<TaskPage>(team(), {
      query: {
        list_ids: [seed.lists['Database Migrations'], seed.lists['Customer Success Q3']],
        'statuses[]': 'blocked',
      },
    });
    expect(names(lists.body)).toEqual([
      'Acme Retail renewal at risk after SSO outage',
      'Churn interview synthesis',
      'Resolve billing discrepancy for Initech',
    ]);
    const children = await api.get<TaskPage>(team(), {
      query: { parent: seed.tasks['Onboarding flow redesign'].id },
    });
    expect(names(children.body)).toEqual(['Design new welcome screen', 'Update onboarding copy']);
  });

  it('finds the seeded high-priority blocked customer tasks', async () => {
    const res = await run.api.get<TaskPage>(team(), {
      query: { 'statuses[]': 'blocked', 'list_ids[]': run.seed.lists['Customer Success Q3'] },
    });
    expect(res.body.tasks.map((t) => (t['priority'] as { priority: string }).priority).sort()).toEqual([
      'high',
      'high',
      'urgent',
    ]);
  });
});

describe('get task', () => {
  it('reads by id or by custom id with team_id', async () => {
    const { api, seed } = run;
    const login = seed.tasks['Refactor Login Component'];
    expect(login.custom_id).toMatch(/^ENG-\d+$/);
    const byCustom = await api.get<TaskLike>(`/api/v2/task/${login.custom_id}`, {
      query: { custom_task_ids: true, team_id: seed.acme },
    });
    expect(byCustom.body.id).toBe(login.id);
    expect(
      (await api.get(`/api/v2/task/${login.custom_id}`, { query: { custom_task_ids: true } })).status,
    ).toBe(400);
    expect((await api.get(`/api/v2/task/${login.custom_id}`)).status).toBe(401);
  });

  it('has the documented shape', async () => {
    const { api, seed } = run;
    const t = (
      await api.get<Record<string, unknown>>(`/api/v2/task/${seed.tasks['Refactor Login Component'].id}`)
    ).body;
    expect(t['url']).toBe(`https://app.clickup.com/t/${t['id']}`);
    expect(t['space']).toEqual({ id: seed.spaces['Engineering'] });
    expect(t['team_id']).toBe(seed.acme);
    expect(t['date_created']).toMatch(/^\d{13}$/);
    expect(t['priority']).toEqual({ id: '2', priority: 'high', color: expect.any(String), orderindex: '2' });
    expect(t['markdown_description']).toBeUndefined();
    expect(t['subtasks']).toBeUndefined();
    expect((t['folder'] as { name: string }).name).toBe('Product Engineering');
    expect(t['project']).toEqual(t['folder']);
    expect(t['time_spent']).toEqual(expect.any(Number));
    expect((t['dependencies'] as unknown[]).length).toBe(0);
    expect((t['linked_tasks'] as unknown[]).length).toBe(1);
  });

  it('adds subtasks and the markdown description on request', async () => {
    const { api, seed } = run;
    const parent = await api.get<{ subtasks: { name: string }[] }>(
      `/api/v2/task/${seed.tasks['Onboarding flow redesign'].id}`,
      { query: { include_subtasks: true } },
    );
    expect(parent.body.subtasks.map((s) => s.name).sort()).toEqual([
      'Design new welcome screen',
      'Update onboarding copy',
    ]);
    const md = await api.get<{ markdown_description: string; description: string }>(
      `/api/v2/task/${seed.tasks['Refactor Login Component'].id}`,
      { query: { include_markdown_description: true } },
    );
    expect(md.body.markdown_description).toContain('## Goal');
    expect(md.body.description).not.toContain('##');
  });

  it('marks tasks in folderless lists with the hidden folder placeholder', async () => {
    const t = (
      await run.api.get<{ folder: Record<string, unknown> }>(
        `/api/v2/task/${run.seed.tasks['Add index on orders.created_at'].id}`,
      )
    ).body;
    expect(t.folder).toEqual({ id: expect.any(String), name: 'hidden', hidden: true, access: true });
  });
});

describe('create, update, delete', () => {
  it('creates with every documented field and rejects bad input', async () => {
    const { api, seed } = run;
    const list = seed.lists['Sprint 42'];
    const created = await api.post<Record<string, unknown>>(`/api/v2/list/${list}/task`, {
      name: 'New task',
      description: 'plain',
      markdown_content: '**bold**',
      assignees: [seed.users.sarah],
      tags: ['Backend'],
      status: 'Review',
      priority: 1,
      due_date: 1767225600000,
      time_estimate: 7200000,
      parent: seed.tasks['Onboarding flow redesign'].id,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'New task',
      description: 'bold',
      status: { status: 'review', type: 'custom' },
      priority: { priority: 'urgent' },
      due_date: '1767225600000',
      time_estimate: '7200000',
      parent: seed.tasks['Onboarding flow redesign'].id,
      tags: [{ name: 'backend' }],
      custom_id: expect.stringMatching(/^ENG-/),
    });
    expect(created.body['top_level_parent']).toBe(seed.tasks['Onboarding flow redesign'].id);
    const bad = async (body: Record<string, unknown>, ecode: string) => {
      const res = await api.post(`/api/v2/list/${list}/task`, { name: 'x', ...body });
      expect({ body, status: res.status, ecode: res.body['ECODE'] }).toEqual({ body, status: 400, ecode });
    };
    await bad({ parent: seed.tasks['Draft launch blog post'].id }, 'ITEM_137');
    await bad({ name: '' }, 'INPUT_005');
    await bad({ priority: 7 }, 'INPUT_007');
    await bad({ custom_item_id: 4242 }, 'CUSTOM_ITEM_001');
  });

  it('answers 200 and silently ignores an outsider assignee, an unknown status and a field of another list', async () => {
    const { api, seed } = run;
    const list = seed.lists['Sprint 42'];
    const fields = (
      await api.get<{ fields: { id: string; name: string }[] }>(
        `/api/v2/list/${seed.lists['Customer Success Q3']}/field`,
      )
    ).body.fields;
    const arr = defined(fields.find((f) => f.name === 'ARR')).id;
    const created = await api.post<TaskLike & Record<string, unknown>>(`/api/v2/list/${list}/task`, {
      name: 'Partly applied',
      assignees: [seed.users.guest, seed.users.sarah],
      status: 'nonsense',
      custom_item_id: 1001,
      custom_fields: [{ id: arr, value: 5 }],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      assignees: [{ id: seed.users.sarah }],
      status: { status: 'to do' },
      custom_item_id: 1001,
    });
    expect((created.body['custom_fields'] as { id: string }[]).some((f) => f.id === arr)).toBe(false);
    const updated = await api.put<TaskLike & Record<string, unknown>>(`/api/v2/task/${created.body.id}`, {
      status: 'shipped to mars',
      assignees: { add: [seed.users.guest], rem: [] },
      custom_item_id: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      assignees: [{ id: seed.users.sarah }],
      status: { status: 'to do' },
      custom_item_id: 1,
    });
    await api.delete(`/api/v2/task/${created.body.id}`);
  });

  it("lists the workspace's custom task types", async () => {
    const { api, seed } = run;
    const res = await api.get<{ custom_items: { id: number; name: string }[] }>(
      `/api/v2/team/${seed.acme}/custom_item`,
    );
    expect(res.status).toBe(200);
    expect(res.body.custom_items.map((c) => [c.id, c.name])).toEqual([
      [1001, 'Bug'],
      [1002, 'Form Response'],
      [1003, 'Feature'],
    ]);
    expect((await api.get(`/api/v2/team/${seed.globex}/custom_item`)).status).toBe(401);
  });

  it('updates fields and adds/removes assignees', async () => {
    const { api, seed } = run;
    const id = (
      await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Bug Backlog']}/task`, {
        name: 'Edit me',
        assignees: [seed.users.owner],
      })
    ).body.id;
    const res = await api.put<Record<string, unknown> & { assignees: { id: number }[] }>(
      `/api/v2/task/${id}`,
      {
        name: 'Edited',
        status: 'complete',
        priority: 3,
        assignees: { add: [seed.users.sarah, seed.users.david], rem: [seed.users.owner] },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.assignees.map((a) => a.id).sort()).toEqual([seed.users.sarah, seed.users.david].sort());
    expect(res.body).toMatchObject({
      name: 'Edited',
      status: { type: 'closed' },
      priority: { priority: 'normal' },
    });
    expect(res.body['date_closed']).toMatch(/^\d+$/);
    const reopened = await api.put<Record<string, unknown>>(`/api/v2/task/${id}`, {
      status: 'to do',
      priority: null,
      due_date: null,
    });
    expect(reopened.body).toMatchObject({ date_closed: null, priority: null, due_date: null });
    // A status the list lacks is ignored while the rest applies (the silent drop ClickUp is known for).
    const partly = await api.put(`/api/v2/task/${id}`, { name: 'Partly applied', status: 'nope' });
    expect(partly.status).toBe(200);
    expect(partly.body).toMatchObject({ name: 'Partly applied', status: { status: 'to do' } });
    const rejected = await api.put(`/api/v2/task/${id}`, { name: 'Not applied', priority: 9 });
    expect(rejected.body).toMatchObject({ ECODE: 'INPUT_007' });
    expect((await api.get(`/api/v2/task/${id}`)).body['name']).toBe('Partly applied');
    expect((await api.put(`/api/v2/task/${id}`, { parent: null })).status).toBe(400);
  });

  it('deletes with 204 and cascades to subtasks', async () => {
    const { api, seed } = run;
    const parent = (
      await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Bug Backlog']}/task`, { name: 'Parent' })
    ).body.id;
    const child = (
      await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Bug Backlog']}/task`, {
        name: 'Child',
        parent,
      })
    ).body.id;
    const res = await api.delete(`/api/v2/task/${parent}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.get(`/api/v2/task/${parent}`)).status).toBe(401);
    expect((await api.get(`/api/v2/task/${child}`)).status).toBe(401);
  });
});

describe('dependencies, links, tags and members', () => {
  it('adds and removes dependencies in both directions', async () => {
    const { api, seed } = run;
    const a = seed.tasks['Write API docs for v2 endpoints'].id;
    const b = seed.tasks['Add dark mode toggle'].id;
    expect((await api.post(`/api/v2/task/${a}/dependency`, { depends_on: b })).body).toEqual({});
    const deps = (
      await api.get<{ dependencies: { task_id: string; depends_on: string }[] }>(`/api/v2/task/${a}`)
    ).body.dependencies;
    expect(deps).toEqual([expect.objectContaining({ task_id: a, depends_on: b, type: 1 })]);
    const other = (await api.get<{ dependencies: { type: number }[] }>(`/api/v2/task/${b}`)).body
      .dependencies;
    expect(other).toEqual([expect.objectContaining({ task_id: a, depends_on: b, type: 0 })]);
    expect((await api.post(`/api/v2/task/${b}/dependency`, { depends_on: a })).status).toBe(400);
    expect((await api.post(`/api/v2/task/${a}/dependency`, { depends_on: b, dependency_of: b })).status).toBe(
      400,
    );
    await api.delete(`/api/v2/task/${a}/dependency`, { query: { depends_on: b } });
    expect((await api.get<{ dependencies: unknown[] }>(`/api/v2/task/${a}`)).body.dependencies).toEqual([]);
    await api.post(`/api/v2/task/${b}/dependency`, { dependency_of: a });
    expect(
      (await api.get<{ dependencies: { task_id: string }[] }>(`/api/v2/task/${a}`)).body.dependencies[0]
        .task_id,
    ).toBe(a);
    await api.delete(`/api/v2/task/${b}/dependency`, { query: { dependency_of: a } });
    expect((await api.get<{ dependencies: unknown[] }>(`/api/v2/task/${a}`)).body.dependencies).toEqual([]);
  });

  it('links and unlinks tasks, answering the task', async () => {
    const { api, seed } = run;
    const a = seed.tasks['Schedule launch webinar'].id;
    const b = seed.tasks['Draft launch blog post'].id;
    const linked = await api.post<{ task: { linked_tasks: { task_id: string }[] } }>(
      `/api/v2/task/${a}/link/${b}`,
    );
    expect(linked.body.task.linked_tasks.map((l) => l.task_id)).toEqual([b]);
    const unlinked = await api.delete<{ task: { linked_tasks: unknown[] } }>(`/api/v2/task/${a}/link/${b}`);
    expect(unlinked.body.task.linked_tasks).toEqual([]);
    expect((await api.post(`/api/v2/task/${a}/link/${seed.tasks['Plan Q4 capacity'].id}`)).status).toBe(401);
  });

  it('lists and creates space tags, and tags tasks', async () => {
    const { api, seed } = run;
    const space = seed.spaces['Marketing'];
    expect(
      (
        await api.post(`/api/v2/space/${space}/tag`, {
          tag: { name: 'Press', tag_fg: '#000000', tag_bg: '#ffffff' },
        })
      ).status,
    ).toBe(200);
    expect((await api.post(`/api/v2/space/${space}/tag`, { tag: { name: 'press' } })).status).toBe(400);
    const tags = (await api.get<{ tags: { name: string }[] }>(`/api/v2/space/${space}/tag`)).body.tags.map(
      (t) => t.name,
    );
    expect(tags).toEqual(['launch', 'social', 'press']);
    const task = seed.tasks['Schedule launch webinar'].id;
    await api.post(`/api/v2/task/${task}/tag/press`);
    await api.post(`/api/v2/task/${task}/tag/${encodeURIComponent('needs review')}`);
    expect(
      (await api.get<{ tags: { name: string }[] }>(`/api/v2/task/${task}`)).body.tags.map((t) => t.name),
    ).toEqual(['press', 'needs review']);
    await api.delete(`/api/v2/task/${task}/tag/press`);
    expect(
      (await api.get<{ tags: { name: string }[] }>(`/api/v2/task/${task}`)).body.tags.map((t) => t.name),
    ).toEqual(['needs review']);
  });

  it('puts a task in a second list without moving it (include_timl)', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Churn interview synthesis'].id;
    const list = seed.lists['Q3 Marketing Launch'];
    expect((await api.post(`/api/v2/list/${list}/task/${task}`)).body).toEqual({});
    const t = await api.get<{ list: { id: string }; locations: { id: string }[] }>(`/api/v2/task/${task}`);
    expect(t.body.list.id).toBe(seed.lists['Customer Success Q3']);
    expect(t.body.locations.map((l) => l.id)).toEqual([list]);
    const plain = await api.get<TaskPage>(`/api/v2/list/${list}/task`, {
      query: { 'statuses[]': 'blocked' },
    });
    expect(plain.body.tasks).toEqual([]);
    const timl = await api.get<TaskPage>(`/api/v2/list/${list}/task`, {
      query: { 'statuses[]': 'blocked', include_timl: true },
    });
    expect(names(timl.body)).toEqual(['Churn interview synthesis']);
    expect((await api.delete(`/api/v2/list/${seed.lists['Customer Success Q3']}/task/${task}`)).status).toBe(
      400,
    );
    await api.delete(`/api/v2/list/${list}/task/${task}`);
    expect((await api.get<{ locations: unknown[] }>(`/api/v2/task/${task}`)).body.locations).toEqual([]);
  });

  it('lists list and task members', async () => {
    const { api, seed } = run;
    const members = (
      await api.get<{ members: { id: number }[] }>(`/api/v2/list/${seed.lists['Sprint 42']}/member`)
    ).body.members.map((m) => m.id);
    expect(members).toEqual(expect.arrayContaining([seed.users.owner, seed.users.sarah, seed.users.david]));
    expect(members).not.toContain(seed.users.guest);
    const taskMembers = (
      await api.get<{ members: { id: number }[] }>(
        `/api/v2/task/${seed.tasks['Refactor Login Component'].id}/member`,
      )
    ).body.members;
    expect(taskMembers.length).toBeGreaterThanOrEqual(3);
  });
});
