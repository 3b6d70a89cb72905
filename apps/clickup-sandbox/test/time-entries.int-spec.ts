import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface Entry {
  id: string;
  start: string;
  end?: string | number;
  duration: string | number;
  description: string;
  user: { id: number };
  task?: { id: string; name: string };
  billable: boolean;
  tags: { name: string }[];
}

const path = () => `/api/v2/team/${run.seed.acme}/time_entries`;

describe('time entry list', () => {
  it('defaults to the caller’s entries of the last 30 days, newest first, unpaginated', async () => {
    const res = await run.api.get<{ data: Entry[] }>(path());
    expect(res.status).toBe(200);
    expect(res.body.data.map((e) => e.description)).toEqual([
      'Sprint planning',
      'Spike on token bucket',
      'Convert LoginForm to function component',
      'Extract validation hook',
      'CI image update',
    ]);
    expect(res.body.data.every((e) => e.user.id === run.seed.users.owner)).toBe(true);
    expect(res.body.data[1]).toMatchObject({
      billable: true,
      task: { name: 'Implement rate limiter middleware' },
      duration: String(1.5 * 3_600_000),
    });
    expect(res.body.data[0]).not.toHaveProperty('task');
  });

  it('honours start_date/end_date, the location filters and is_billable', async () => {
    const now = Date.now();
    const all = await run.api.get<{ data: Entry[] }>(path(), {
      query: { start_date: now - 60 * 86_400_000, end_date: now },
    });
    expect(all.body.data.map((e) => e.description)).toContain(
      'Older than 30 days: outside the default window',
    );
    const task = await run.api.get<{ data: Entry[] }>(path(), {
      query: { task_id: run.seed.tasks['Refactor Login Component'].id },
    });
    expect(task.body.data).toHaveLength(2);
    const list = await run.api.get<{ data: Entry[] }>(path(), {
      query: { list_id: run.seed.lists['Sprint 42'] },
    });
    expect(list.body.data).toHaveLength(4);
    const billable = await run.api.get<{ data: Entry[] }>(path(), { query: { is_billable: true } });
    expect(billable.body.data.map((e) => e.description)).toEqual(['Spike on token bucket']);
    expect((await run.api.get(path(), { query: { list_id: '1', task_id: '2' } })).status).toBe(400);
  });

  it('lets owners see other people’s entries and members only their own', async () => {
    const { users } = run.seed;
    const sarahs = await run.api.get<{ data: Entry[] }>(path(), { query: { assignee: `${users.sarah}` } });
    expect(sarahs.body.data.map((e) => e.description)).toEqual(['Wireframes']);
    const asSarah = await run.api
      .as('pk_sandbox_sarah')
      .get(path(), { query: { assignee: `${users.owner}` } });
    expect(asSarah.status).toBe(403);
    const both = await run.api.get<{ data: Entry[] }>(path(), {
      query: { assignee: `${users.owner},${users.sarah}` },
    });
    expect(both.body.data).toHaveLength(6);
  });
});

describe('time entry CRUD', () => {
  it('creates, reads, updates and deletes an entry', async () => {
    const { api, seed } = run;
    const start = Date.now() - 2 * 3_600_000;
    const created = await api.post<{ data: Entry; start: number; duration: number; tid: string }>(path(), {
      start,
      duration: 1_800_000,
      description: 'Review PR',
      billable: true,
      tid: seed.tasks['Refactor Login Component'].id,
      tags: [{ name: 'review', tag_fg: '#000000', tag_bg: '#ffffff' }],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      start,
      duration: 1_800_000,
      tid: seed.tasks['Refactor Login Component'].id,
    });
    const id = created.body.data.id;
    const one = await api.get<{ data: Entry[] }>(`${path()}/${id}`);
    expect(one.body.data[0]).toMatchObject({
      id,
      start: String(start),
      end: String(start + 1_800_000),
      duration: '1800000',
      tags: [{ name: 'review' }],
    });
    expect(
      (
        await api.put(`${path()}/${id}`, {
          description: 'Review PR #42',
          tags: [{ name: 'urgent' }],
          tag_action: 'add',
        })
      ).body,
    ).toEqual({});
    expect((await api.put(`${path()}/${id}`, { start })).status).toBe(400);
    await api.put(`${path()}/${id}`, { start: start - 60_000, end: start + 3_600_000 });
    const edited = (await api.get<{ data: Entry[] }>(`${path()}/${id}`)).body.data[0];
    expect(edited).toMatchObject({
      description: 'Review PR #42',
      duration: String(3_660_000),
      tags: [{ name: 'review' }, { name: 'urgent' }],
    });
    const deleted = await api.delete<{ data: Entry }>(`${path()}/${id}`);
    expect(deleted.body.data.id).toBe(id);
    expect((await api.get(`${path()}/${id}`)).body).toEqual({
      err: 'Team not authorized',
      ECODE: 'OAUTH_027',
    });
  });

  it('validates the body', async () => {
    const { api, seed } = run;
    expect((await api.post(path(), { duration: 1000 })).status).toBe(400);
    expect((await api.post(path(), { start: Date.now() })).status).toBe(400);
    expect(
      (await api.post(path(), { start: Date.now(), duration: 1000, tid: seed.tasks['Plan Q4 capacity'].id }))
        .status,
    ).toBe(401);
    expect(
      (
        await api
          .as('pk_sandbox_sarah')
          .post(path(), { start: Date.now(), duration: 1000, assignee: seed.users.owner })
      ).status,
    ).toBe(403);
  });
});

describe('running timers', () => {
  it('start shows a negative duration in current; stop gives a positive one', async () => {
    const david = run.api.as('pk_sandbox_david');
    expect((await david.get<{ data: Entry | null }>(`${path()}/current`)).body).toEqual({ data: null });
    const started = await david.post<{ data: Entry }>(`${path()}/start`, {
      tid: run.seed.tasks['Write API docs for v2 endpoints'].id,
      description: 'Docs',
      billable: false,
    });
    expect(started.status).toBe(200);
    expect(Number(started.body.data.duration)).toBeLessThan(0);
    const current = await david.get<{ data: Entry }>(`${path()}/current`);
    expect(current.body.data.id).toBe(started.body.data.id);
    expect(current.body.data.duration).toBeLessThan(0);
    expect(current.body.data).not.toHaveProperty('end');
    // Elapsed time is now - start, whatever the negative number encodes.
    expect(Date.now() - Number(current.body.data.start)).toBeGreaterThanOrEqual(0);
    await new Promise((r) => setTimeout(r, 20));
    const stopped = await david.post<{ data: Entry }>(`${path()}/stop`);
    expect(stopped.body.data.id).toBe(started.body.data.id);
    expect(stopped.body.data.duration).toBeGreaterThan(0);
    expect(stopped.body.data.end).toEqual(expect.any(Number));
    expect((await david.get(`${path()}/current`)).body).toEqual({ data: null });
    expect((await david.post(`${path()}/stop`)).status).toBe(404);
  });

  it('starting a second timer stops the first', async () => {
    const sarah = run.api.as('pk_sandbox_sarah');
    const first = (await sarah.post<{ data: Entry }>(`${path()}/start`, { description: 'one' })).body.data.id;
    const second = (await sarah.post<{ data: Entry }>(`${path()}/start`, { description: 'two' })).body.data
      .id;
    expect((await sarah.get<{ data: Entry }>(`${path()}/current`)).body.data.id).toBe(second);
    const list = await sarah.get<{ data: Entry[] }>(path());
    expect(Number(defined(list.body.data.find((e) => e.id === first)).duration)).toBeGreaterThan(0);
    expect(Number(defined(list.body.data.find((e) => e.id === second)).duration)).toBeLessThan(0);
    await sarah.post(`${path()}/stop`);
  });
});
