import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface Comment {
  id: string;
  comment_text: string;
  date: string;
  user: { id: number };
  assignee: { id: number } | null;
  resolved: boolean;
}

describe('comments', () => {
  it('pages 25 at a time, newest first, with start and start_id', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Write API docs for v2 endpoints'].id;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await api.post<{ id: string; hist_id: string; date: number }>(
        `/api/v2/task/${task}/comment`,
        { comment_text: `Comment ${i}`, notify_all: false },
      );
      expect(res.body).toEqual({
        id: expect.any(String),
        hist_id: expect.any(String),
        date: expect.any(Number),
      });
      ids.push(res.body.id);
    }
    const first = (await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`)).body.comments;
    expect(first).toHaveLength(25);
    expect(first[0].comment_text).toBe('Comment 29');
    const last = first[first.length - 1];
    const second = (
      await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`, {
        query: { start: last.date, start_id: last.id },
      })
    ).body.comments;
    expect(second.map((c) => c.comment_text)).toEqual([
      'Comment 4',
      'Comment 3',
      'Comment 2',
      'Comment 1',
      'Comment 0',
    ]);
    const end = second[second.length - 1];
    expect(
      (
        await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`, {
          query: { start: end.date, start_id: end.id },
        })
      ).body.comments,
    ).toEqual([]);
  });

  it('creates, updates and deletes task and list comments', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Refactor Login Component'].id;
    const seeded = (await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`)).body.comments;
    expect(seeded.map((c) => c.comment_text)[0]).toBe('The validation hook would help the signup form too.');
    const created = await api.post<{ id: string }>(`/api/v2/task/${task}/comment`, {
      comment_text: 'Please review',
      assignee: seed.users.sarah,
      notify_all: true,
    });
    await api.put(`/api/v2/comment/${created.body.id}`, {
      comment_text: 'Please review today',
      resolved: true,
    });
    const mine = (await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`)).body.comments[0];
    expect(mine).toMatchObject({
      id: created.body.id,
      comment_text: 'Please review today',
      resolved: true,
      assignee: { id: seed.users.sarah },
      user: { id: seed.users.owner },
    });
    expect((await api.delete(`/api/v2/comment/${created.body.id}`)).body).toEqual({});
    expect(
      (await api.get<{ comments: Comment[] }>(`/api/v2/task/${task}/comment`)).body.comments[0].id,
    ).not.toBe(created.body.id);
    expect((await api.post(`/api/v2/task/${task}/comment`, { notify_all: false })).status).toBe(400);
    const list = seed.lists['Sprint 42'];
    await api.post(`/api/v2/list/${list}/comment`, {
      comment_text: 'Retro at 4pm',
      assignee: seed.users.david,
      notify_all: false,
    });
    expect(
      (await api.get<{ comments: Comment[] }>(`/api/v2/list/${list}/comment`)).body.comments.map(
        (c) => c.comment_text,
      ),
    ).toEqual(['Retro at 4pm', 'Sprint 42 review moved to Thursday.']);
    expect(
      (await api.as('pk_sandbox_guest').put(`/api/v2/comment/${created.body.id}`, { comment_text: 'x' }))
        .status,
    ).toBe(401);
  });
});

describe('comment threads', () => {
  it('keeps replies in the thread: out of the comment list, counted, oldest first, deleted with the parent', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Checkout button misaligned on mobile Safari'].id;
    type Row = Comment & { reply_count: string };
    const [parent] = (await api.get<{ comments: Row[] }>(`/api/v2/task/${task}/comment`)).body.comments;
    expect(parent).toMatchObject({ comment_text: 'Reproduced on iPhone 15, Safari 17.4.', reply_count: '1' });
    const reply = await api.post<{ id: string }>(`/api/v2/comment/${parent.id}/reply`, {
      comment_text: 'Fixed',
      notify_all: false,
    });
    expect(reply.status).toBe(200);
    // A reply to a reply joins the same thread.
    await api.post(`/api/v2/comment/${reply.body.id}/reply`, { comment_text: 'Verified', notify_all: false });
    const thread = (await api.get<{ comments: Row[] }>(`/api/v2/comment/${parent.id}/reply`)).body.comments;
    expect(thread.map((c) => [c.comment_text, c.reply_count])).toEqual([
      ['Same on iPad; the button sits under the keyboard.', '0'],
      ['Fixed', '0'],
      ['Verified', '0'],
    ]);
    const top = (await api.get<{ comments: Row[] }>(`/api/v2/task/${task}/comment`)).body.comments;
    expect(top.map((c) => [c.id, c.reply_count])).toEqual([[parent.id, '3']]);
    expect((await api.post(`/api/v2/comment/${parent.id}/reply`, { notify_all: false })).status).toBe(400);
    expect((await api.get('/api/v2/comment/999999999/reply')).status).toBe(401);
    await api.delete(`/api/v2/comment/${parent.id}`);
    expect((await api.get(`/api/v2/comment/${reply.body.id}/reply`)).status).toBe(401);
  });
});

describe('chat view comments', () => {
  it('posts and pages a chat view’s comments, which threads and edits reach like any comment', async () => {
    const { api } = run;
    const chat = '3c-105';
    expect(
      (await api.get<{ view: { name: string; type: string } }>(`/api/v2/view/${chat}`)).body.view,
    ).toMatchObject({
      name: 'Engineering chat',
      type: 'conversation',
    });
    const posted = await api.post<{ id: string; hist_id: string; date: number }>(
      `/api/v2/view/${chat}/comment`,
      {
        comment_text: 'Standup at 10',
        notify_all: false,
      },
    );
    expect(posted.body).toEqual({
      id: expect.any(String),
      hist_id: expect.any(String),
      date: expect.any(Number),
    });
    const listed = (await api.get<{ comments: Comment[] }>(`/api/v2/view/${chat}/comment`)).body.comments;
    expect(listed.map((c) => c.comment_text)).toEqual(['Standup at 10']);
    await api.post(`/api/v2/comment/${posted.body.id}/reply`, { comment_text: 'See you', notify_all: false });
    expect((await api.put(`/api/v2/comment/${posted.body.id}`, { resolved: true })).body).toEqual({});
    expect(
      (await api.get<{ comments: (Comment & { reply_count: string })[] }>(`/api/v2/view/${chat}/comment`))
        .body.comments[0],
    ).toMatchObject({ resolved: true, reply_count: '1' });
    expect((await api.get('/api/v2/view/nope/comment')).status).toBe(401);
    expect((await api.as('pk_sandbox_guest').get(`/api/v2/view/${chat}/comment`)).status).toBe(401);
  });
});

describe('space tags', () => {
  it('renames, recolours and deletes a tag, on the tasks of the space too', async () => {
    const { api, seed } = run;
    const space = seed.spaces['Engineering'];
    const task = seed.tasks['Checkout button misaligned on mobile Safari'].id;
    const tagsOf = async () =>
      (
        await api.get<{ tags: { name: string; tag_fg: string; tag_bg: string }[] }>(
          `/api/v2/space/${space}/tag`,
        )
      ).body.tags;
    const taskTags = async () =>
      (await api.get<{ tags: { name: string }[] }>(`/api/v2/task/${task}`)).body.tags.map((t) => t.name);
    const edited = await api.put(`/api/v2/space/${space}/tag/bug`, {
      tag: { name: 'Defect', fg_color: '#000000', bg_color: '#ff0000' },
    });
    expect(edited.body).toEqual({ tag: { name: 'defect', fg_color: '#000000', bg_color: '#ff0000' } });
    expect(await taskTags()).toEqual(['defect']);
    // The spec's example spells the colours tag_fg/tag_bg: both are read.
    await api.put(`/api/v2/space/${space}/tag/defect`, {
      tag: { name: 'defect', tag_fg: '#111111', tag_bg: '#222222' },
    });
    expect((await tagsOf()).find((t) => t.name === 'defect')).toMatchObject({
      tag_fg: '#111111',
      tag_bg: '#222222',
    });
    expect(
      (await api.put(`/api/v2/space/${space}/tag/defect`, { tag: { name: 'frontend' } })).body,
    ).toMatchObject({ ECODE: 'TAGS_002' });
    expect((await api.put(`/api/v2/space/${space}/tag/nope`, { tag: { name: 'x' } })).status).toBe(404);

    await api.post(`/api/v2/space/${space}/tag`, { tag: { name: 'a b/c', tag_fg: '#fff', tag_bg: '#000' } });
    expect((await api.delete(`/api/v2/space/${space}/tag/a%20b%2Fc`)).body).toEqual({});
    expect((await api.delete(`/api/v2/space/${space}/tag/defect`)).body).toEqual({});
    expect((await tagsOf()).map((t) => t.name)).not.toContain('defect');
    expect(await taskTags()).toEqual([]);
    expect((await api.delete(`/api/v2/space/${space}/tag/defect`)).status).toBe(404);
  });
});

describe('checklists', () => {
  it('creates, renames, fills, resolves, nests and deletes', async () => {
    const { api, seed } = run;
    const task = seed.tasks['Implement rate limiter middleware'].id;
    const created = await api.post<{ checklist: { id: string; items: unknown[]; orderindex: number } }>(
      `/api/v2/task/${task}/checklist`,
      { name: 'Rollout' },
    );
    expect(created.body.checklist).toMatchObject({
      name: 'Rollout',
      task_id: task,
      items: [],
      resolved: 0,
      unresolved: 0,
    });
    const id = created.body.checklist.id;
    expect((await api.put(`/api/v2/checklist/${id}`, { name: 'Rollout plan' })).body).toEqual({});
    const a = await api.post<{ checklist: { items: { id: string; name: string }[] } }>(
      `/api/v2/checklist/${id}/checklist_item`,
      { name: 'Staging', assignee: seed.users.david },
    );
    const b = await api.post<{ checklist: { items: { id: string; name: string }[] } }>(
      `/api/v2/checklist/${id}/checklist_item`,
      { name: 'Production' },
    );
    const [first, second] = b.body.checklist.items;
    expect(a.body.checklist.items[0]).toMatchObject({
      name: 'Staging',
      assignee: { id: seed.users.david },
      resolved: false,
      parent: null,
    });
    const updated = await api.put<{
      checklist: {
        resolved: number;
        unresolved: number;
        items: { id: string; parent: string | null; children: string[]; resolved: boolean }[];
      };
    }>(`/api/v2/checklist/${id}/checklist_item/${second.id}`, {
      resolved: true,
      parent: first.id,
      name: 'Production (after staging)',
    });
    expect(updated.body.checklist.resolved).toBe(1);
    expect(defined(updated.body.checklist.items.find((i) => i.id === first.id)).children).toEqual([
      second.id,
    ]);
    const onTask = (
      await api.get<{ checklists: { name: string; items: unknown[] }[] }>(`/api/v2/task/${task}`)
    ).body.checklists;
    expect(onTask.map((c) => [c.name, c.items.length])).toEqual([['Rollout plan', 2]]);
    await api.delete(`/api/v2/checklist/${id}/checklist_item/${first.id}`);
    expect(
      (await api.get<{ checklists: { items: unknown[] }[] }>(`/api/v2/task/${task}`)).body.checklists[0]
        .items,
    ).toHaveLength(0);
    expect((await api.delete(`/api/v2/checklist/${id}`)).body).toEqual({});
    expect((await api.get<{ checklists: unknown[] }>(`/api/v2/task/${task}`)).body.checklists).toEqual([]);
    expect((await api.put(`/api/v2/checklist/${id}`, { name: 'gone' })).status).toBe(401);
  });

  it('has the seeded Definition of done on the login task', async () => {
    const t = await run.api.get<{ checklists: { name: string; resolved: number; unresolved: number }[] }>(
      `/api/v2/task/${run.seed.tasks['Refactor Login Component'].id}`,
    );
    expect(t.body.checklists).toEqual([
      expect.objectContaining({ name: 'Definition of done', resolved: 1, unresolved: 2 }),
    ]);
  });
});
