import { startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface Named {
  id: string;
  name: string;
}

describe('seeded hierarchy', () => {
  it('has the Acme spaces, folders and lists of the contract', async () => {
    const { api, seed } = run;
    const spaces = (
      await api.get<{ spaces: (Named & { statuses: { status: string; type: string }[] })[] }>(
        `/api/v2/team/${seed.acme}/space`,
      )
    ).body.spaces;
    expect(spaces.map((s) => s.name)).toEqual(['Engineering', 'Marketing', 'Customer Success']);
    expect(spaces[0].statuses.map((s) => [s.status, s.type])).toEqual([
      ['to do', 'open'],
      ['in progress', 'custom'],
      ['blocked', 'custom'],
      ['review', 'custom'],
      ['complete', 'closed'],
    ]);
    const folders = (
      await api.get<{ folders: (Named & { lists: Named[]; task_count: string })[] }>(
        `/api/v2/space/${seed.spaces['Engineering']}/folder`,
      )
    ).body.folders;
    expect(folders.map((f) => [f.name, f.lists.map((l) => l.name)])).toEqual([
      ['Product Engineering', ['Sprint 42', 'Incoming Bugs', 'Bug Backlog']],
    ]);
    expect(folders[0].task_count).toMatch(/^\d+$/);
    const folderless = (
      await api.get<{ lists: (Named & { folder: Record<string, unknown> })[] }>(
        `/api/v2/space/${seed.spaces['Engineering']}/list`,
      )
    ).body.lists;
    expect(folderless.map((l) => l.name)).toEqual(['Database Migrations']);
    expect(folderless[0].folder).toEqual({
      id: expect.any(String),
      name: 'hidden',
      hidden: true,
      access: true,
    });
    expect(Object.keys(seed.lists)).toEqual(
      expect.arrayContaining(['Q3 Marketing Launch', 'Customer Success Q3']),
    );
  });

  it('serializes ids as strings and user ids as integers', async () => {
    const list = (await run.api.get<Record<string, unknown>>(`/api/v2/list/${run.seed.lists['Sprint 42']}`))
      .body;
    expect(list['id']).toEqual(expect.any(String));
    expect(list['task_count']).toEqual(expect.any(String));
    expect((list['space'] as Named).id).toBe(run.seed.spaces['Engineering']);
    const team = (
      await run.api.get<{ teams: { id: string; members: { user: { id: number } }[] }[] }>('/api/v2/team')
    ).body.teams[0];
    expect(team.id).toEqual(expect.any(String));
    expect(team.members.every((m) => Number.isInteger(m.user.id))).toBe(true);
  });
});

describe('spaces, folders and lists', () => {
  it('creates, updates and deletes down the hierarchy, cascading', async () => {
    const { api, seed } = run;
    const space = await api.post<Named & { features: Record<string, { enabled: boolean }> }>(
      `/api/v2/team/${seed.acme}/space`,
      {
        name: 'Research',
        multiple_assignees: false,
        features: { time_tracking: { enabled: false } },
      },
    );
    expect(space.status).toBe(200);
    expect(space.body.features['time_tracking']).toEqual({ enabled: false });
    expect((await api.post(`/api/v2/team/${seed.acme}/space`, { name: 'research' })).status).toBe(400);
    expect((await api.post(`/api/v2/team/${seed.acme}/space`, {})).status).toBe(400);
    expect((await api.put<Named>(`/api/v2/space/${space.body.id}`, { name: 'R&D' })).body.name).toBe('R&D');

    const folder = await api.post<Named>(`/api/v2/space/${space.body.id}/folder`, { name: 'Papers' });
    expect(
      (await api.put<Named>(`/api/v2/folder/${folder.body.id}`, { name: 'Papers 2026' })).body.name,
    ).toBe('Papers 2026');
    const list = await api.post<Named & { status: unknown; priority: unknown; folder: Named }>(
      `/api/v2/folder/${folder.body.id}/list`,
      { name: 'Reading', status: 'red', priority: 2 },
    );
    expect(list.body).toMatchObject({
      status: { status: 'red', color: '#e50000' },
      priority: { priority: 'high' },
      folder: { id: folder.body.id },
    });
    const folderless = await api.post<Named>(`/api/v2/space/${space.body.id}/list`, {
      name: 'Inbox',
      markdown_content: '# Inbox',
    });
    expect(
      (await api.put<{ content: string }>(`/api/v2/list/${folderless.body.id}`, { content: 'Updated' })).body
        .content,
    ).toBe('Updated');
    const task = await api.post<Named>(`/api/v2/list/${list.body.id}/task`, { name: 'Read paper' });
    expect((await api.get(`/api/v2/folder/${folder.body.id}/list`)).body['lists']).toHaveLength(1);

    expect((await api.delete(`/api/v2/folder/${folder.body.id}`)).body).toEqual({});
    expect((await api.get(`/api/v2/list/${list.body.id}`)).status).toBe(401);
    expect((await api.get(`/api/v2/task/${task.body.id}`)).status).toBe(401);
    expect((await api.delete(`/api/v2/space/${space.body.id}`)).body).toEqual({});
    expect((await api.get(`/api/v2/list/${folderless.body.id}`)).status).toBe(401);
    expect((await api.get(`/api/v2/space/${space.body.id}`)).status).toBe(401);
  });

  it('validates names and list fields', async () => {
    const { api, seed } = run;
    expect((await api.post(`/api/v2/space/${seed.spaces['Marketing']}/folder`, { name: ' ' })).status).toBe(
      400,
    );
    expect(
      (await api.post(`/api/v2/space/${seed.spaces['Marketing']}/list`, { name: 'L', priority: 9 })).status,
    ).toBe(400);
    expect(
      (await api.post(`/api/v2/space/${seed.spaces['Marketing']}/list`, { name: 'L', status: 'in progress' }))
        .status,
    ).toBe(400);
    expect(
      (
        await api.post(`/api/v2/space/${seed.spaces['Marketing']}/list`, {
          name: 'L',
          assignee: seed.users.guest,
        })
      ).status,
    ).toBe(400);
    expect((await api.get(`/api/v2/space/${seed.spaces['Marketing']}/list`)).body['lists']).toEqual([]);
  });
});
