import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface Goal {
  id: string;
  name: string;
  percent_completed: number;
  key_results: { id: string; name: string; percent_completed: string; completed: boolean }[];
  owners: { id: number }[];
}

describe('goals and key results', () => {
  it('lists the seeded goals with their key results', async () => {
    const { api, seed } = run;
    const goals = (
      await api.get<{ goals: (Goal & { key_result_count: number })[]; folders: unknown[] }>(
        `/api/v2/team/${seed.acme}/goal`,
      )
    ).body;
    expect(goals.goals.map((g) => [g.name, g.key_result_count])).toEqual([
      ['Reduce Churn', 2],
      ['Q4 Revenue Target', 2],
    ]);
    expect(goals.folders).toEqual([]);
    const churn = (await api.get<{ goal: Goal }>(`/api/v2/goal/${goals.goals[0].id}`)).body.goal;
    expect(churn.key_results.map((k) => [k.name, k.percent_completed])).toEqual([
      ['Complete churn interviews', '60'],
      ['Accounts with a success plan', '45'],
    ]);
    expect(churn.percent_completed).toBe(53);
    expect((await api.as('pk_sandbox_guest').get(`/api/v2/team/${seed.globex}/goal`)).body['goals']).toEqual(
      [],
    );
  });

  it('creates, updates and deletes goals and key results; completed goals hide by default', async () => {
    const { api, seed } = run;
    const goal = (
      await api.post<{ goal: Goal }>(`/api/v2/team/${seed.acme}/goal`, {
        name: 'Ship 4.2',
        due_date: Date.now() + 86_400_000,
        description: 'Release',
        multiple_owners: true,
        owners: [seed.users.owner, seed.users.sarah],
        color: '#32a852',
      })
    ).body.goal;
    expect(goal.owners.map((o) => o.id)).toEqual([seed.users.owner, seed.users.sarah]);
    const kr = (
      await api.post<{ key_result: { id: string; completed: boolean } }>(
        `/api/v2/goal/${goal.id}/key_result`,
        {
          name: 'Bugs fixed',
          owners: [seed.users.owner],
          type: 'number',
          steps_start: 0,
          steps_end: 4,
          unit: 'bugs',
          task_ids: [seed.tasks['Checkout button misaligned on mobile Safari'].id],
          list_ids: [],
        },
      )
    ).body.key_result;
    expect(kr.completed).toBe(false);
    const edited = await api.put<{
      key_result: {
        completed: boolean;
        percent_completed: string;
        last_action: { note: string; steps_current: string };
      };
    }>(`/api/v2/key_result/${kr.id}`, { steps_current: 4, note: 'All fixed' });
    expect(edited.body.key_result).toMatchObject({
      completed: true,
      percent_completed: '100',
      last_action: { note: 'All fixed', steps_current: '4' },
    });
    const listed = async (includeCompleted: boolean) =>
      (
        await api.get<{ goals: Goal[] }>(`/api/v2/team/${seed.acme}/goal`, {
          query: { include_completed: includeCompleted },
        })
      ).body.goals.map((g) => g.name);
    expect(await listed(false)).not.toContain('Ship 4.2');
    expect(await listed(true)).toContain('Ship 4.2');
    const renamed = await api.put<{ goal: Goal }>(`/api/v2/goal/${goal.id}`, {
      name: 'Ship 4.2.1',
      rem_owners: [seed.users.sarah],
      add_owners: [seed.users.david],
    });
    expect(renamed.body.goal.owners.map((o) => o.id)).toEqual([seed.users.owner, seed.users.david]);
    expect((await api.post(`/api/v2/goal/${goal.id}/key_result`, { name: 'x', type: 'vibes' })).status).toBe(
      400,
    );
    expect((await api.delete(`/api/v2/key_result/${kr.id}`)).body).toEqual({});
    expect((await api.delete(`/api/v2/goal/${goal.id}`)).body).toEqual({});
    expect((await api.get(`/api/v2/goal/${goal.id}`)).status).toBe(401);
  });
});

interface Doc {
  id: string;
  name: string;
  parent: { id: string; type: number };
}
interface PageRef {
  id: string;
  name: string;
  pages?: PageRef[];
}

describe('docs (v3)', () => {
  const base = () => `/api/v3/workspaces/${run.seed.acme}/docs`;

  it('searches with a cursor and filters', async () => {
    const { api, seed } = run;
    for (let i = 0; i < 3; i++) await api.post(base(), { name: `Extra ${i}`, create_page: false });
    const first = await api.get<{ docs: Doc[]; next_cursor?: string }>(base(), { query: { limit: 2 } });
    expect(first.body.docs.map((d) => d.name)).toEqual([
      'API Rate Limiting Guidelines',
      'Incident Response Runbook',
    ]);
    const second = await api.get<{ docs: Doc[]; next_cursor?: string }>(base(), {
      query: { limit: 2, cursor: defined(first.body.next_cursor) },
    });
    expect(second.body.docs.map((d) => d.name)).toEqual(['Extra 0', 'Extra 1']);
    const third = await api.get<{ docs: Doc[]; next_cursor?: string }>(base(), {
      query: { limit: 2, cursor: defined(second.body.next_cursor) },
    });
    expect(third.body.docs.map((d) => d.name)).toEqual(['Extra 2']);
    expect(third.body.next_cursor).toBeUndefined();
    const inSpace = await api.get<{ docs: Doc[] }>(base(), {
      query: { parent_id: seed.spaces['Engineering'], parent_type: 'SPACE' },
    });
    expect(inSpace.body.docs.map((d) => d.name)).toEqual(['API Rate Limiting Guidelines']);
    expect((await api.get(base(), { query: { cursor: '!!!' } })).status).toBe(400);
  });

  it('reads pages as a tree, in markdown or plain text, on both path spellings', async () => {
    const { api } = run;
    const doc = defined(
      (await api.get<{ docs: Doc[] }>(base())).body.docs.find(
        (d) => d.name === 'API Rate Limiting Guidelines',
      ),
    );
    const listing = await api.get<PageRef[]>(`${base()}/${doc.id}/page_listing`);
    expect(listing.body.map((p) => p.name)).toEqual([
      'Overview',
      'Limits per plan',
      'Handling 429 responses',
    ]);
    expect(defined(listing.body[2].pages).map((p) => p.name)).toEqual(['Retry with backoff']);
    expect((await api.get<PageRef[]>(`${base()}/${doc.id}/pageListing`)).body).toEqual(listing.body);
    const shallow = await api.get<PageRef[]>(`${base()}/${doc.id}/page_listing`, {
      query: { max_page_depth: 0 },
    });
    expect(shallow.body[2].pages).toBeUndefined();
    const pages = await api.get<(PageRef & { content: string })[]>(`${base()}/${doc.id}/pages`);
    expect(pages.body[1].content).toContain('| Business Plus | 1,000 |');
    const plain = await api.get<{ content: string }>(`${base()}/${doc.id}/pages/${pages.body[0].id}`, {
      query: { content_format: 'text/plain' },
    });
    expect(plain.body.content).toContain('Every public endpoint is rate limited per token.');
    expect(plain.body.content).not.toContain('**');
    expect(
      (
        await api.get(`${base()}/${doc.id}/pages/${pages.body[0].id}`, {
          query: { content_format: 'text/html' },
        })
      ).status,
    ).toBe(400);
  });

  it('creates docs (201) and pages (201) and edits with replace, append and prepend', async () => {
    const { api, seed } = run;
    const doc = await api.post<Doc>(base(), {
      name: 'Postmortem',
      parent: { id: seed.lists['Incoming Bugs'], type: 6 },
      visibility: 'PRIVATE',
    });
    expect(doc.status).toBe(201);
    expect(doc.body.parent).toEqual({ id: seed.lists['Incoming Bugs'], type: 6 });
    const autoPage = await api.get<PageRef[]>(`${base()}/${doc.body.id}/page_listing`);
    expect(autoPage.body).toHaveLength(1);
    const page = await api.post<PageRef & { content: string }>(`${base()}/${doc.body.id}/pages`, {
      name: 'Timeline',
      content: '- 10:00 alert',
      content_format: 'text/md',
      parent_page_id: autoPage.body[0].id,
    });
    expect(page.status).toBe(201);
    const url = `${base()}/${doc.body.id}/pages/${page.body.id}`;
    await api.put(url, { content: '- 10:30 fix', content_edit_mode: 'append' });
    await api.put(url, { content: '# Timeline', content_edit_mode: 'prepend' });
    expect((await api.get<{ content: string }>(url)).body.content).toBe(
      '# Timeline\n- 10:00 alert\n- 10:30 fix',
    );
    await api.put(url, { content: 'Replaced', content_edit_mode: 'replace', name: 'Timeline v2' });
    expect((await api.get<{ content: string; name: string }>(url)).body).toMatchObject({
      content: 'Replaced',
      name: 'Timeline v2',
    });
    expect((await api.put(url, { content: 'x', content_edit_mode: 'merge' })).status).toBe(400);
    expect((await api.post(base(), { parent: { id: seed.lists['Globex Roadmap'], type: 6 } })).status).toBe(
      400,
    );
  });

  it('keeps Globex docs apart', async () => {
    const { api, seed } = run;
    const globexDocs = await api
      .as('pk_sandbox_guest')
      .get<{ docs: Doc[] }>(`/api/v3/workspaces/${seed.globex}/docs`);
    expect(globexDocs.body.docs.map((d) => d.name)).toEqual(['Globex Ops Handbook']);
    const acmeDoc = (await api.get<{ docs: Doc[] }>(base())).body.docs[0];
    expect(
      (await api.as('pk_sandbox_guest').get(`/api/v3/workspaces/${seed.globex}/docs/${acmeDoc.id}`)).status,
    ).toBe(404);
  });
});
