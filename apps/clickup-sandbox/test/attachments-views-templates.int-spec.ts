import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

async function post(path: string, body: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, run.base), {
    method: 'POST',
    headers: { authorization: 'pk_sandbox_owner', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function form(field: string, name: string, bytes: Uint8Array | string, type = 'text/plain') {
  const data = new FormData();
  data.append(field, new Blob([bytes], { type }), name);
  return data;
}

describe('attachments', () => {
  it('stores an upload and lists it with its size, name, MIME type and a ClickUp-style url', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Refactor Login Component'];
    const up = await post(
      `/api/v2/task/${task.id}/attachment`,
      form('attachment', 'release notes.md', '# 4.2\n'),
    );
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ title: 'release notes.md', extension: 'md', version: '0' });
    expect(String(up.body['id'])).toMatch(/^[0-9a-f-]{36}\.md$/);
    expect(String(up.body['url'])).toMatch(
      new RegExp(
        `^https://t${seed.acme}\\.p\\.clickup-attachments\\.com/t${seed.acme}/.+/release%20notes\\.md$`,
      ),
    );
    const listed = await api.get<{ data: Record<string, unknown>[]; next_cursor: string }>(
      `/api/v3/workspaces/${seed.acme}/attachments/${task.id}/attachments`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data.find((a) => a['id'] === up.body['id'])).toMatchObject({
      size: 6,
      mime_type: 'text/plain',
      parent_id: task.id,
    });
  });

  it('takes a custom task id with custom_task_ids and team_id', async () => {
    const { seed } = run;
    const task = seed.tasks['Refactor Login Component'];
    const up = await post(
      `/api/v2/task/${task.custom_id}/attachment?custom_task_ids=true&team_id=${seed.acme}`,
      form('attachment', 'a.txt', 'x'),
    );
    expect(up.status).toBe(200);
  });

  it('pages the v3 listing with limit and next_cursor', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Refactor Login Component'];
    const base = `/api/v3/workspaces/${seed.acme}/attachments/${task.id}/attachments`;
    const first = await api.get<{ data: { id: string }[]; next_cursor: string }>(base, {
      query: { limit: 1 },
    });
    expect(first.body.data).toHaveLength(1);
    expect(first.body.next_cursor).not.toBe('');
    const second = await api.get<{ data: { id: string }[] }>(base, {
      query: { limit: 1, cursor: first.body.next_cursor },
    });
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect((await api.get(base, { query: { limit: 101 } })).status).toBe(400);
  });

  it('answers as ClickUp does to a JSON body, a form without the file, an empty file and an unknown task', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Refactor Login Component'];
    expect((await api.post(`/api/v2/task/${task.id}/attachment`, { attachment: 'x' })).status).toBe(400);
    const other = await post(`/api/v2/task/${task.id}/attachment`, form('file', 'a.txt', 'x'));
    expect(other).toMatchObject({ status: 400, body: { err: 'No attachment supplied' } });
    const empty = await post(`/api/v2/task/${task.id}/attachment`, form('attachment', 'a.txt', ''));
    expect(empty.status).toBe(400);
    expect((await post('/api/v2/task/nope/attachment', form('attachment', 'a.txt', 'x'))).status).toBe(401);
    const v3 = await api.get(`/api/v3/workspaces/${seed.acme}/attachments/nope/attachments`);
    expect(v3.status).toBe(404);
    expect(v3.body).toMatchObject({ status: 404 });
    expect((await api.get(`/api/v3/workspaces/${seed.acme}/docs/${task.id}/attachments`)).status).toBe(400);
  });

  it('refuses a body over its upload limit with 413', async () => {
    const { seed } = run;
    const task = seed.tasks['Refactor Login Component'];
    const big = await post(
      `/api/v2/task/${task.id}/attachment`,
      form('attachment', 'big.bin', new Uint8Array(33 * 1024 * 1024), 'application/octet-stream'),
    );
    expect(big.status).toBe(413);
  });
});

describe('views', () => {
  it('lists the views of a list, a space and the workspace', async () => {
    const { api, seed } = run;
    const names = async (path: string) =>
      (await api.get<{ views: { name: string }[] }>(path)).body.views.map((v) => v.name);
    expect(await names(`/api/v2/list/${seed.lists['Incoming Bugs']}/view`)).toEqual([
      'List',
      'Board',
      'Open bugs',
    ]);
    expect(await names(`/api/v2/space/${seed.spaces['Engineering']}/view`)).toEqual([
      'Engineering board',
      'Engineering chat',
    ]);
    expect(await names(`/api/v2/team/${seed.acme}/view`)).toEqual(['Everything']);
    expect((await api.as('pk_sandbox_guest').get(`/api/v2/team/${seed.acme}/view`)).status).toBe(401);
  });

  it("reads a view's tasks through its own filters, 30 per page with last_page", async () => {
    const { api, seed } = run;
    const views = (
      await api.get<{ views: { id: string; name: string }[] }>(
        `/api/v2/list/${seed.lists['Incoming Bugs']}/view`,
      )
    ).body.views;
    const open = defined(views.find((v) => v.name === 'Open bugs'));
    const tasks = await api.get<{ tasks: { status: { status: string } }[]; last_page: boolean }>(
      `/api/v2/view/${open.id}/task`,
      { query: { page: 0 } },
    );
    expect(tasks.body.tasks.length).toBeGreaterThan(0);
    expect(tasks.body.tasks.every((t) => ['to do', 'in progress'].includes(t.status.status))).toBe(true);
    expect(tasks.body.last_page).toBe(true);

    const everything = (await api.get<{ views: { id: string }[] }>(`/api/v2/team/${seed.acme}/view`)).body
      .views[0];
    const page0 = await api.get<{ tasks: unknown[]; last_page: boolean }>(
      `/api/v2/view/${everything.id}/task`,
      {
        query: { page: 0 },
      },
    );
    expect(page0.body.tasks.length).toBeLessThanOrEqual(30);
  });

  it('refuses the tasks of a chat view, and an unknown view', async () => {
    const { api, seed } = run;
    const chat = defined(
      (
        await api.get<{ views: { id: string; type: string }[] }>(
          `/api/v2/space/${seed.spaces['Engineering']}/view`,
        )
      ).body.views.find((v) => v.type === 'conversation'),
    );
    expect((await api.get(`/api/v2/view/${chat.id}/task`, { query: { page: 0 } })).status).toBe(400);
    expect((await api.get('/api/v2/view/3c-999')).status).toBe(401);
  });
});

describe('templates', () => {
  it('creates a task from the Bug report template with its description, tag and checklist', async () => {
    const { api, seed } = run;
    const templates = (
      await api.get<{ templates: { id: string; name: string }[] }>(`/api/v2/team/${seed.acme}/taskTemplate`, {
        query: { page: 0 },
      })
    ).body.templates;
    const bug = defined(templates.find((t) => t.name === 'Bug report'));
    const made = await api.post<{ id: string }>(
      `/api/v2/list/${seed.lists['Incoming Bugs']}/taskTemplate/${bug.id}`,
      { name: 'Export crashes' },
    );
    expect(made.status).toBe(200);
    const task = await api.get<Record<string, unknown>>(`/api/v2/task/${made.body.id}`, {
      query: { include_markdown_description: true },
    });
    expect(task.body).toMatchObject({
      name: 'Export crashes',
      tags: [expect.objectContaining({ name: 'bug' })],
      checklists: [expect.objectContaining({ name: 'Triage' })],
    });
    expect(String(task.body['markdown_description'])).toContain('Steps to reproduce');
    expect((await api.get(`/api/v2/team/${seed.acme}/taskTemplate`)).status).toBe(400);
    expect(
      (await api.post(`/api/v2/list/${seed.lists['Incoming Bugs']}/taskTemplate/t-0`, { name: 'x' })).status,
    ).toBe(404);
  });

  it('creates a list from the Sprint template in a folder, with its tasks, and refuses a taken name', async () => {
    const { api, seed } = run;
    const sprint = (
      await api.get<{ templates: { id: string; name: string }[] }>(`/api/v2/team/${seed.acme}/list_template`)
    ).body.templates[0];
    const path = `/api/v2/folder/${seed.folders['Product Engineering']}/list_template/${sprint.id}`;
    const made = await api.post<{ id: string; list: { name: string } }>(path, { name: 'Sprint 45' });
    expect(made.body.list.name).toBe('Sprint 45');
    const tasks = await api.get<{ tasks: { name: string }[] }>(`/api/v2/list/${made.body.id}/task`);
    expect(tasks.body.tasks.map((t) => t.name).sort()).toEqual([
      'Retrospective',
      'Sprint planning',
      'Sprint review',
    ]);
    expect((await api.post(path, { name: 'Sprint 45' })).status).toBe(400);
    expect((await api.post(path, {})).status).toBe(400);
  });
});
