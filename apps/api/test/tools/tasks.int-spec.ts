import { CustomFieldsTools, TagsTools, TasksTools, ToolCatalog } from '@gw/mcp-tools';
import { startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';
import { takeRequests } from './support/sandbox-hierarchy';
import { raw, sandboxTask, type AcmeWorld } from './support/acme-world';
import { useToolWorld } from './support/tool-world';

interface TaskResult {
  id: string;
  name: string;
  status: string | null;
  priority: number | null;
  priority_name: string | null;
  list_id: string | null;
  assignee_ids: number[];
  due_date_ms: number | null;
  due_date_iso: string | null;
  url: string;
  parent_id: string | null;
}
interface TaskPage {
  items: (TaskResult & { description?: string | null })[];
  next_cursor: string | null;
  truncated: boolean;
}
interface TaskDetail extends TaskResult {
  custom_id: string | null;
  description: string | null;
  list_name: string | null;
  folder_id: string | null;
  space_id: string | null;
  assignees: { id: number; username: string | null }[];
  tags: string[];
  date_created_ms: number | null;
  date_created_iso: string | null;
  time_estimate_ms: number | null;
  time_spent_ms: number | null;
  custom_fields: { id: string; name: string; type: string; value: unknown }[];
  waiting_on: string[];
  blocking: string[];
  linked_task_ids: string[];
  checklists: { name: string; items: { name: string; resolved: boolean }[] }[];
  subtasks?: { id: string; name: string; status: string | null }[];
}

const DENIED = ['FORBIDDEN', 'NOT_FOUND'];
const names = (page: { items: { name: string }[] } | null | undefined) =>
  new Set(page?.items.map((t) => t.name));

describe('task tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  let catalog: ToolCatalog;

  useToolWorld(
    () => [new TasksTools(), new CustomFieldsTools(), new TagsTools()],
    (world) => ({ sandbox, w, catalog, host, engHost } = world),
  );

  describe('task_create', () => {
    it('creates a task with priority by name, "me" among the assignees, an ISO due date and tags', async () => {
      const due = '2030-01-15T17:00:00.000Z';
      const envelope = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Add audit log export',
        description: '## Why\nAuditors want **CSV**.',
        status: 'in progress',
        priority: 'high',
        assignees: ['me', w.sarahId],
        due_date: due,
        time_estimate: 3_600_000,
        tags: ['backend'],
      });
      expect(envelope).toMatchObject({
        ok: true,
        issues: [],
        result: {
          name: 'Add audit log export',
          status: 'in progress',
          priority: 2,
          priority_name: 'high',
          list_id: w.lists['Sprint 42'],
          due_date_ms: Date.parse(due),
          due_date_iso: due,
          parent_id: null,
        },
      });
      const result = envelope.result as TaskResult;
      expect(result.assignee_ids.sort()).toEqual([w.ownerId, w.sarahId].sort());
      expect(result.url).toContain(result.id);

      const stored = await sandboxTask(sandbox.url, result.id);
      expect(stored?.markdown_description).toBe('## Why\nAuditors want **CSV**.');
      expect(stored?.priority?.priority).toBe('high');
      expect(stored?.tags.map((t) => t.name)).toEqual(['backend']);
      expect(stored?.assignees.map((a) => a.id).sort()).toEqual([w.ownerId, w.sarahId].sort());
      expect(stored?.list.id).toBe(w.lists['Sprint 42']);
    });

    it('reads a list once per unpinned server before writing to it (once for a burst), every time on a pinned one', async () => {
      const sprint = w.lists['Sprint 42'];
      const create = (on: ToolHost, name: string, listId = sprint) =>
        on.call<TaskResult>('task_create', { list_id: listId, name });
      const listReads = (requests: string[], listId: string) =>
        requests.filter((r) => r === `GET /api/v2/list/${listId}`).length;

      await create(host, 'warm the scope');
      await takeRequests(sandbox.url);
      expect((await create(host, 'second')).ok).toBe(true);
      expect((await create(host, 'third')).ok).toBe(true);
      const unpinned = await takeRequests(sandbox.url);
      expect(listReads(unpinned, sprint)).toBe(0);
      expect(unpinned.filter((r) => r.startsWith('POST ')).length).toBe(2);

      const migrations = w.lists['Database Migrations'];
      const burst = await Promise.all([1, 2, 3, 4, 5].map((n) => create(host, `burst ${n}`, migrations)));
      expect(burst.map((e) => e.ok)).toEqual([true, true, true, true, true]);
      const afterBurst = await takeRequests(sandbox.url);
      expect(listReads(afterBurst, migrations)).toBe(1);
      expect(afterBurst.filter((r) => r.startsWith('POST ')).length).toBe(5);

      expect((await create(engHost, 'pinned one')).ok).toBe(true);
      expect((await create(engHost, 'pinned two')).ok).toBe(true);
      expect(listReads(await takeRequests(sandbox.url), sprint)).toBe(2);

      for (const attempt of [1, 2]) {
        const refused = await create(host, `foreign ${attempt}`, w.globexListId);
        expect(DENIED).toContain(refused.issues[0]?.code);
        const requests = await takeRequests(sandbox.url);
        expect(listReads(requests, w.globexListId)).toBe(1);
        expect(requests.filter((r) => r.startsWith('POST '))).toEqual([]);
      }
    });

    it("takes a task it read as proof of that task's list on an unpinned server, never on a pinned one", async () => {
      const sprint = w.lists['Sprint 42'];
      const task = w.tasks['Onboarding flow redesign'];
      const listReads = (requests: string[]) =>
        requests.filter((r) => r === `GET /api/v2/list/${sprint}`).length;
      const unpinned = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: w.acmeId });
      const pinned = await startToolHost({
        catalog,
        sandboxUrl: sandbox.url,
        workspaceId: w.acmeId,
        spaceIds: [w.spaces['Engineering']],
      });
      try {
        for (const [on, reads] of [
          [unpinned, 0],
          [pinned, 1],
        ] as const) {
          expect((await on.call('task_get', { task_id: task })).ok).toBe(true);
          await takeRequests(sandbox.url);
          expect(
            (await on.call<TaskResult>('task_create', { list_id: sprint, name: 'after a read' })).ok,
          ).toBe(true);
          expect(listReads(await takeRequests(sandbox.url))).toBe(reads);
        }
      } finally {
        await unpinned.close();
        await pinned.close();
      }
    });

    it('creates a subtask under a parent of the same list', async () => {
      const parent = w.tasks['Onboarding flow redesign'];
      const envelope = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Review onboarding analytics',
        parent,
        priority: 4,
      });
      expect(envelope.result).toMatchObject({ parent_id: parent, priority: 4, priority_name: 'low' });
      expect((await sandboxTask(sandbox.url, envelope.result?.id as string))?.parent).toBe(parent);
    });

    it.each([7, 0, 'critical'])(
      'refuses priority %p, naming the field, and creates nothing',
      async (priority) => {
        const envelope = await host.call('task_create', {
          list_id: w.lists['Sprint 42'],
          name: 'x',
          priority,
        });
        expect(envelope).toMatchObject({ ok: false, result: null });
        expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'priority' });
        const after = await raw<{ tasks: { name: string }[] }>(
          sandbox.url,
          `/list/${w.lists['Sprint 42']}/task`,
        );
        expect(after.body.tasks.some((t) => t.name === 'x')).toBe(false);
      },
    );

    it('refuses a missing name', async () => {
      const envelope = await host.call('task_create', { list_id: w.lists['Sprint 42'] });
      expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'name' });
    });

    it('cannot create in another workspace or, when pinned to Engineering, in another space', async () => {
      const globex = await host.call('task_create', { list_id: w.globexListId, name: 'Sneaky' });
      expect(DENIED).toContain(globex.issues[0]?.code);
      const marketing = await engHost.call('task_create', {
        list_id: w.lists['Q3 Marketing Launch'],
        name: 'Sneaky',
      });
      expect(marketing.issues[0]?.code).toBe('FORBIDDEN');
      const launch = await raw<{ tasks: { name: string }[] }>(
        sandbox.url,
        `/list/${w.lists['Q3 Marketing Launch']}/task`,
      );
      expect(launch.body.tasks.map((t) => t.name)).not.toContain('Sneaky');
      const inEng = await engHost.call('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Allowed here',
      });
      expect(inEng.ok).toBe(true);
    });
  });

  describe('ids an agent passes beside task_id', () => {
    const writes = (requests: string[]) => requests.filter((r) => !r.startsWith('GET '));

    it('proves a parent like any other task id: out of scope or foreign, nothing reaches ClickUp', async () => {
      const launch = w.tasks['Draft launch blog post'];
      const onboarding = w.tasks['Onboarding flow redesign'];
      await takeRequests(sandbox.url);
      const created = await engHost.call('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Under a Marketing parent',
        parent: launch,
      });
      expect(created.issues[0]?.code).toBe('FORBIDDEN');
      const foreign = await host.call('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Under a Globex parent',
        parent: w.tasks['Plan Q4 capacity'],
      });
      expect(DENIED).toContain(foreign.issues[0]?.code);
      const subtask = (
        await host.call<TaskResult>('task_create', {
          list_id: w.lists['Sprint 42'],
          name: 'A subtask',
          parent: onboarding,
        })
      ).result as TaskResult;
      await takeRequests(sandbox.url);
      const moved = await engHost.call('task_update', { task_id: subtask.id, parent: launch });
      expect(moved.issues[0]?.code).toBe('FORBIDDEN');
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);
      expect((await sandboxTask(sandbox.url, subtask.id))?.parent).toBe(onboarding);
    });

    it('proves the tasks a relationship field links or unlinks, and links in-scope ones', async () => {
      const migration = w.tasks['Migrate users table to UUID keys'];
      const login = w.tasks['Refactor Login Component'];
      const related = async () =>
        ((await sandboxTask(sandbox.url, migration))?.custom_fields.find((f) => f.name === 'Related Work')
          ?.value ?? []) as { id: string }[];
      await takeRequests(sandbox.url);
      for (const value of [
        [w.tasks['Draft launch blog post']],
        { add: [w.tasks['Churn interview synthesis']] },
      ]) {
        const out = await engHost.call('task_set_custom_field', {
          task_id: migration,
          field_id: 'Related Work',
          value,
        });
        expect(out.issues[0]?.code).toBe('FORBIDDEN');
      }
      const foreign = await host.call('task_set_custom_field', {
        task_id: migration,
        field_id: 'Related Work',
        value: { add: [w.tasks['Plan Q4 capacity']] },
      });
      expect(DENIED).toContain(foreign.issues[0]?.code);
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);
      expect(await related()).toEqual([]);

      const linked = await engHost.call('task_set_custom_field', {
        task_id: migration,
        field_id: 'Related Work',
        value: [login],
      });
      expect(linked.ok).toBe(true);
      expect((await related()).map((t) => t.id)).toEqual([login]);
    });

    it.each(['.', '..', '86a/../..', 'a\\b', '%2e%2e', 'x\u0000y', 'line\nbreak', '  '])(
      'answers id %j with VALIDATION_ERROR naming the field, before any request',
      async (id) => {
        await takeRequests(sandbox.url);
        const get = await host.call('task_get', { task_id: id });
        expect(get.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_id' });
        const create = await host.call('task_create', { list_id: id, name: 'x' });
        expect(create.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'list_id' });
        const parent = await host.call('task_update', {
          task_id: w.tasks['Refactor Login Component'],
          parent: id,
        });
        expect(parent.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'parent' });
        const related = await host.call('task_set_custom_field', {
          task_id: w.tasks['Migrate users table to UUID keys'],
          field_id: 'Related Work',
          value: [id],
        });
        expect(related.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'value' });
        const requests = await takeRequests(sandbox.url);
        expect(writes(requests)).toEqual([]);
        expect(requests).not.toContain(`GET /api/v2/task/${encodeURIComponent(id)}`);
      },
    );
  });

  describe('task_get', () => {
    it('returns the full detail: markdown, names of drop-down options, people, tags, checklists, links', async () => {
      const envelope = await host.call<TaskDetail>('task_get', {
        task_id: w.tasks['Refactor Login Component'],
      });
      expect(envelope.ok).toBe(true);
      const t = envelope.result as TaskDetail;
      expect(t).toMatchObject({
        name: 'Refactor Login Component',
        status: 'in progress',
        priority: 2,
        priority_name: 'high',
        list_name: 'Sprint 42',
        space_id: w.spaces['Engineering'],
        assignees: [{ id: w.ownerId, username: 'Alex Rivera' }],
        time_estimate_ms: 8 * 3_600_000,
      });
      expect(t.description).toContain('## Goal');
      expect(t.tags).toEqual(['frontend', 'tech-debt']);
      expect(t.folder_id).toEqual(expect.any(String));
      expect(t.custom_id).toMatch(/^ENG-\d+$/);
      expect(new Date(t.date_created_iso as string).getTime()).toBe(t.date_created_ms);
      expect(t.time_spent_ms).toBeGreaterThan(0);
      const field = (name: string) => t.custom_fields.find((f) => f.name === name)?.value;
      expect(field('Component')).toBe('Frontend');
      expect(field('Story Points')).toBe(5);
      expect(field('Sprint Goal')).toBe('Ship the new login flow');
      expect(t.checklists[0]).toMatchObject({ name: 'Definition of done' });
      expect(t.checklists[0].items.map((i) => i.resolved)).toEqual([true, false, false]);
      expect(t.linked_task_ids).toEqual([w.tasks['Checkout button misaligned on mobile Safari']]);
      expect(t.subtasks).toBeUndefined();
    });

    it('reads dependencies from both sides', async () => {
      const limiter = await host.call<TaskDetail>('task_get', {
        task_id: w.tasks['Implement rate limiter middleware'],
      });
      expect(limiter.result).toMatchObject({
        waiting_on: [w.tasks['Upgrade Node.js to 20 LTS']],
        blocking: [],
      });
      const node = await host.call<TaskDetail>('task_get', { task_id: w.tasks['Upgrade Node.js to 20 LTS'] });
      expect(node.result).toMatchObject({
        waiting_on: [],
        blocking: [w.tasks['Implement rate limiter middleware']],
      });
    });

    it('includes subtasks when asked', async () => {
      const envelope = await host.call<TaskDetail>('task_get', {
        task_id: w.tasks['Onboarding flow redesign'],
        subtasks: true,
      });
      expect(envelope.result?.subtasks?.map((s) => s.name).sort()).toEqual([
        'Design new welcome screen',
        'Update onboarding copy',
      ]);
      expect(envelope.result?.subtasks?.every((s) => s.status === 'to do')).toBe(true);
    });

    it('finds a task by its custom id with team_id, and refuses custom_task_ids without team_id', async () => {
      const customId = (await sandboxTask(sandbox.url, w.tasks['Refactor Login Component']))
        ?.custom_id as string;
      const found = await host.call<TaskDetail>('task_get', {
        task_id: customId,
        custom_task_ids: true,
        team_id: w.acmeId,
      });
      expect(found.result?.id).toBe(w.tasks['Refactor Login Component']);
      const missing = await host.call('task_get', { task_id: customId, custom_task_ids: true });
      expect(missing).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'team_id' }] });
      const other = await host.call('task_get', {
        task_id: customId,
        custom_task_ids: true,
        team_id: w.globexId,
      });
      expect(other.issues[0]?.code).toBe('FORBIDDEN');
    });

    it('answers unknown, foreign and out-of-scope tasks with FORBIDDEN or NOT_FOUND', async () => {
      expect(DENIED).toContain((await host.call('task_get', { task_id: 'nope0000' })).issues[0]?.code);
      expect(DENIED).toContain(
        (await host.call('task_get', { task_id: w.tasks['Plan Q4 capacity'] })).issues[0]?.code,
      );
      const cs = await engHost.call('task_get', { task_id: w.tasks['Churn interview synthesis'] });
      expect(cs).toMatchObject({ ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] });
      expect(cs.issues[0].message).not.toContain('Churn');
      expect((await engHost.call('task_get', { task_id: w.tasks['Refactor Login Component'] })).ok).toBe(
        true,
      );
    });
  });

  describe('task_list_in_list', () => {
    it('finds the blocked high-priority tasks of Customer Success Q3 in one call', async () => {
      const before = host.calls;
      const envelope = await host.call<TaskPage>('task_list_in_list', {
        list_id: w.lists['Customer Success Q3'],
        statuses: ['blocked'],
        priorities: ['high'],
      });
      expect(host.calls - before).toBe(1);
      expect(names(envelope.result)).toEqual(
        new Set(['Resolve billing discrepancy for Initech', 'Churn interview synthesis']),
      );
      expect(envelope.result?.items.every((t) => t.status === 'blocked' && t.priority_name === 'high')).toBe(
        true,
      );
      expect(envelope.result).toMatchObject({ next_cursor: null, truncated: false });
    });

    it('finds the unassigned tasks of Incoming Bugs', async () => {
      const assigned = w.tasks['Email notification queue stuck'];
      await raw(sandbox.url, `/task/${assigned}`, {
        method: 'PUT',
        body: { assignees: { add: [w.davidId], rem: [] } },
      });
      const envelope = await host.call<TaskPage>('task_list_in_list', {
        list_id: w.lists['Incoming Bugs'],
        unassigned: true,
      });
      expect(envelope.result?.items).toHaveLength(7);
      expect(envelope.result?.items.every((t) => t.assignee_ids.length === 0)).toBe(true);
      expect(names(envelope.result).has('Email notification queue stuck')).toBe(false);
    });

    it('returns each task’s markdown description with include_description, so triage reads them in one call', async () => {
      const listed = await host.call<TaskPage>('task_list_in_list', {
        list_id: w.lists['Incoming Bugs'],
        unassigned: true,
        include_description: true,
      });
      const checkout = listed.result?.items.find(
        (t) => t.name === 'Checkout button misaligned on mobile Safari',
      );
      expect(checkout?.description).toContain('The **Place order** button');
      expect(listed.result?.items.every((t) => typeof t.description === 'string')).toBe(true);

      const plain = await host.call<TaskPage>('task_list_in_list', { list_id: w.lists['Incoming Bugs'] });
      expect(plain.result?.items.some((t) => 'description' in t)).toBe(false);

      const long = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Very long bug report',
        description: 'x'.repeat(2500),
      });
      const searched = await host.call<TaskPage>('task_search', {
        name_contains: 'very long bug report',
        include_description: true,
      });
      expect(searched.result?.items.map((t) => t.id)).toEqual([long.result?.id]);
      expect(searched.result?.items[0].description).toBe(`${'x'.repeat(2000)}…`);
    });

    it('pages with limit and an opaque cursor until next_cursor is null', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      const sizes: number[] = [];
      do {
        const envelope = await host.call<TaskPage>('task_list_in_list', {
          list_id: w.lists['Incoming Bugs'],
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        const page = envelope.result as TaskPage;
        sizes.push(page.items.length);
        seen.push(...page.items.map((t) => t.id));
        expect(page.truncated).toBe(page.next_cursor !== null);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      // Incoming Bugs: eight bugs waiting for triage and two blocked ones.
      expect(sizes).toEqual([3, 3, 3, 1]);
      expect(new Set(seen).size).toBe(10);
    });

    it('leaves closed tasks out unless include_closed, and resolves "me"', async () => {
      const open = await host.call<TaskPage>('task_list_in_list', { list_id: w.lists['Sprint 42'] });
      expect(names(open.result).has('Set up staging environment')).toBe(false);
      const all = await host.call<TaskPage>('task_list_in_list', {
        list_id: w.lists['Sprint 42'],
        include_closed: true,
      });
      expect(names(all.result).has('Set up staging environment')).toBe(true);
      const mine = await host.call<TaskPage>('task_list_in_list', {
        list_id: w.lists['Database Migrations'],
        assignees: ['me'],
      });
      expect(names(mine.result)).toEqual(
        new Set(['Migrate users table to UUID keys', 'Add index on orders.created_at']),
      );
    });

    it('refuses out-of-scope lists, a foreign cursor, a bad limit and contradictory filters', async () => {
      const marketing = await engHost.call('task_list_in_list', { list_id: w.lists['Q3 Marketing Launch'] });
      expect(marketing.issues[0]?.code).toBe('FORBIDDEN');
      const globex = await host.call('task_list_in_list', { list_id: w.globexListId });
      expect(DENIED).toContain(globex.issues[0]?.code);
      const badCursor = await host.call('task_list_in_list', {
        list_id: w.lists['Sprint 42'],
        cursor: 'garbage',
      });
      expect(badCursor.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'cursor' });
      const badLimit = await host.call('task_list_in_list', { list_id: w.lists['Sprint 42'], limit: 101 });
      expect(badLimit.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'limit' });
      const both = await host.call('task_list_in_list', {
        list_id: w.lists['Sprint 42'],
        unassigned: true,
        assignees: ['me'],
      });
      expect(both.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'unassigned' });
    });
  });

  describe('task_search', () => {
    const engLists = () =>
      new Set(['Sprint 42', 'Incoming Bugs', 'Bug Backlog', 'Database Migrations'].map((n) => w.lists[n]));

    it('finds my open tasks in Engineering in one call', async () => {
      const before = host.calls;
      const envelope = await host.call<TaskPage>('task_search', {
        space_ids: [w.spaces['Engineering']],
        assignees: ['me'],
      });
      expect(host.calls - before).toBe(1);
      expect(names(envelope.result)).toEqual(
        new Set([
          'Refactor Login Component',
          'Implement rate limiter middleware',
          'Upgrade Node.js to 20 LTS',
          'Migrate users table to UUID keys',
          'Add index on orders.created_at',
        ]),
      );
      expect(envelope.result?.items.every((t) => t.assignee_ids.includes(w.ownerId))).toBe(true);
    });

    it('matches text in names whatever the case and accents', async () => {
      const envelope = await host.call<TaskPage>('task_search', { name_contains: 'LOGÍN' });
      expect(names(envelope.result)).toEqual(
        new Set(['Refactor Login Component', 'Login page shows a blank screen after SSO redirect']),
      );
    });

    it('combines tags with a priority filter, and due-date bounds', async () => {
      const urgentBugs = await host.call<TaskPage>('task_search', { tags: ['bug'], priorities: [1] });
      expect(names(urgentBugs.result)).toEqual(
        new Set([
          'Login page shows a blank screen after SSO redirect',
          'POST /api/orders returns 500 for large carts',
          'Database connection pool exhausted under load',
        ]),
      );
      const overdue = await host.call<TaskPage>('task_search', { due_date_lt: Date.now() });
      expect(names(overdue.result)).toEqual(new Set(['Add index on orders.created_at']));
      const closedToo = await host.call<TaskPage>('task_search', {
        name_contains: 'session cookie',
        include_closed: true,
      });
      expect(names(closedToo.result)).toEqual(new Set(['Session cookie missing SameSite attribute']));
    });

    it('pages a filtered search with a cursor and finds the same tasks as one large page', async () => {
      const whole = await host.call<TaskPage>('task_search', { name_contains: 'on', limit: 100 });
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const envelope = await host.call<TaskPage>('task_search', {
          name_contains: 'on',
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...(envelope.result?.items.map((t) => t.id) ?? []));
        cursor = envelope.result?.next_cursor ?? undefined;
      } while (cursor);
      expect(ids).toEqual(whole.result?.items.map((t) => t.id));
      expect(ids.length).toBeGreaterThan(4);
    });

    it('walks across ClickUp pages of 100 with a client-side filter without losing or repeating tasks', async () => {
      const list = w.lists['Bug Backlog'];
      for (let i = 0; i < 130; i++) {
        await raw(sandbox.url, `/list/${list}/task`, {
          method: 'POST',
          body: { name: `Generated bug ${i}`, priority: i % 2 === 0 ? 1 : 4 },
        });
      }
      const ids: string[] = [];
      let cursor: string | undefined;
      let calls = 0;
      do {
        const envelope = await host.call<TaskPage>('task_list_in_list', {
          list_id: list,
          priorities: ['urgent'],
          limit: 30,
          ...(cursor ? { cursor } : {}),
        });
        calls++;
        expect(envelope.result?.items.every((t) => t.priority === 1)).toBe(true);
        ids.push(...(envelope.result?.items.map((t) => t.id) ?? []));
        cursor = envelope.result?.next_cursor ?? undefined;
      } while (cursor);
      expect(new Set(ids).size).toBe(65);
      expect(ids.length).toBe(65);
      expect(calls).toBe(3);
      const unfiltered = await host.call<TaskPage>('task_search', { list_ids: [list], limit: 100 });
      expect(unfiltered.result?.items).toHaveLength(100);
      const rest = await host.call<TaskPage>('task_search', {
        list_ids: [list],
        limit: 100,
        cursor: unfiltered.result?.next_cursor,
      });
      expect(rest.result).toMatchObject({ next_cursor: null, truncated: false });
      expect(rest.result?.items).toHaveLength(32);
    });

    it('when pinned to Engineering, returns only Engineering tasks and refuses other spaces', async () => {
      const all = await engHost.call<TaskPage>('task_search', { limit: 100, include_closed: true });
      expect(all.result?.items.length).toBeGreaterThan(10);
      expect(all.result?.items.every((t) => engLists().has(t.list_id as string))).toBe(true);
      const marketing = await engHost.call('task_search', { space_ids: [w.spaces['Marketing']] });
      expect(marketing.issues[0]?.code).toBe('FORBIDDEN');
      const mixed = await engHost.call<TaskPage>('task_search', {
        space_ids: [w.spaces['Marketing'], w.spaces['Engineering']],
        name_contains: 'launch',
      });
      expect(mixed.result?.items).toEqual([]);
      const byList = await engHost.call<TaskPage>('task_search', {
        list_ids: [w.lists['Q3 Marketing Launch']],
      });
      expect(byList.result?.items).toEqual([]);
    });

    it('never returns tasks of another workspace', async () => {
      const envelope = await host.call<TaskPage>('task_search', {
        name_contains: 'capacity',
        include_closed: true,
      });
      expect(envelope.result?.items).toEqual([]);
    });
  });

  describe('task_update', () => {
    it('changes only the given fields and replaces the assignees with the full new set', async () => {
      const id = w.tasks['Implement rate limiter middleware'];
      const envelope = await host.call<TaskResult>('task_update', {
        task_id: id,
        name: 'Implement token-bucket rate limiter',
        status: 'in progress',
        priority: 'urgent',
        assignees: [w.sarahId],
      });
      expect(envelope.result).toMatchObject({
        name: 'Implement token-bucket rate limiter',
        status: 'in progress',
        priority: 1,
        priority_name: 'urgent',
        assignee_ids: [w.sarahId],
      });
      const stored = await sandboxTask(sandbox.url, id);
      expect(stored?.assignees.map((a) => a.id)).toEqual([w.sarahId]);
      expect(stored?.priority?.priority).toBe('urgent');
      expect(stored?.tags.map((t) => t.name)).toEqual(['backend']);
      expect(stored?.markdown_description).toContain('Token-bucket limiter');
    });

    it('unassigns everyone with [], clears the description with "", sets a due date', async () => {
      const id = w.tasks['Refactor Login Component'];
      const due = Date.UTC(2031, 0, 2);
      const envelope = await host.call<TaskResult>('task_update', {
        task_id: id,
        assignees: [],
        description: '',
        due_date: due,
      });
      expect(envelope.result).toMatchObject({ assignee_ids: [], due_date_ms: due });
      const stored = await sandboxTask(sandbox.url, id);
      expect(stored?.assignees).toEqual([]);
      expect(stored?.markdown_description ?? '').toBe('');
      expect(Number(stored?.due_date)).toBe(due);
    });

    it('refuses an empty update and an out-of-scope task; an unknown status is NOT_APPLIED', async () => {
      const id = w.tasks['Refactor Login Component'];
      expect((await host.call('task_update', { task_id: id })).issues[0]?.code).toBe('VALIDATION_ERROR');
      // ClickUp answers 200 and keeps the status it had: the call says so rather than report a success.
      const status = await host.call('task_update', { task_id: id, status: 'shipped to mars' });
      expect(status).toMatchObject({ ok: true, issues: [{ code: 'NOT_APPLIED', path: 'status' }] });
      expect((await sandboxTask(sandbox.url, id))?.status.status).toBe('in progress');
      const cs = w.tasks['Churn interview synthesis'];
      const out = await engHost.call('task_update', { task_id: cs, name: 'Hijacked' });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      expect((await sandboxTask(sandbox.url, cs))?.name).toBe('Churn interview synthesis');
      const bad = await host.call('task_update', { task_id: id, priority: 'critical' });
      expect(bad.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'priority' });
    });
  });

  describe('task_delete', () => {
    it('deletes a task', async () => {
      const id = w.tasks['Update onboarding copy'];
      const envelope = await host.call('task_delete', { task_id: id });
      expect(envelope).toMatchObject({ ok: true, result: { deleted: true }, issues: [] });
      expect(await sandboxTask(sandbox.url, id)).toBeNull();
      expect(DENIED).toContain((await host.call('task_delete', { task_id: id })).issues[0]?.code);
    });

    it('refuses foreign and out-of-scope tasks and leaves them in place', async () => {
      const globex = await host.call('task_delete', { task_id: w.tasks['Plan Q4 capacity'] });
      expect(DENIED).toContain(globex.issues[0]?.code);
      const launch = w.tasks['Draft launch blog post'];
      const out = await engHost.call('task_delete', { task_id: launch });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      expect(await sandboxTask(sandbox.url, launch)).not.toBeNull();
    });
  });

  describe('task_set_custom_field and task_clear_custom_field', () => {
    const valueOf = async (taskId: string, fieldName: string) =>
      (await sandboxTask(sandbox.url, taskId))?.custom_fields.find((f) => f.name === fieldName)?.value;

    it('sets a drop-down by option name, and task_get reads the name back', async () => {
      const id = w.tasks['Upgrade Node.js to 20 LTS'];
      const envelope = await host.call('task_set_custom_field', {
        task_id: id,
        field_id: 'Component',
        value: 'backend',
      });
      expect(envelope).toMatchObject({
        ok: true,
        result: { ok: true, field_name: 'Component', value: 'Backend' },
      });
      // ClickUp reads a drop-down back as the option's orderindex: Backend is the second option.
      expect(await valueOf(id, 'Component')).toBe(1);
      const detail = await host.call<TaskDetail>('task_get', { task_id: id });
      expect(detail.result?.custom_fields.find((f) => f.name === 'Component')?.value).toBe('Backend');
    });

    it('refuses an unknown option name, listing the valid ones, and leaves the value', async () => {
      const id = w.tasks['Upgrade Node.js to 20 LTS'];
      const envelope = await host.call('task_set_custom_field', {
        task_id: id,
        field_id: 'Component',
        value: 'Database',
      });
      expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'value' });
      expect(envelope.issues[0].message).toContain('Frontend, Backend, Infrastructure');
      expect(await valueOf(id, 'Component')).toBe(2);
    });

    it('sets numbers, text and currency by field id or name', async () => {
      const login = w.tasks['Refactor Login Component'];
      const fieldId = (await sandboxTask(sandbox.url, login))?.custom_fields.find(
        (f) => f.name === 'Story Points',
      )?.id;
      expect(
        (await host.call('task_set_custom_field', { task_id: login, field_id: fieldId, value: 13 })).ok,
      ).toBe(true);
      expect(await valueOf(login, 'Story Points')).toBe('13');
      const text = await host.call('task_set_custom_field', {
        task_id: login,
        field_id: 'sprint goal',
        value: 'Ship it',
      });
      expect(text.ok).toBe(true);
      expect(await valueOf(login, 'Sprint Goal')).toBe('Ship it');
      const deal = w.tasks['Churn interview synthesis'];
      expect(
        (await host.call('task_set_custom_field', { task_id: deal, field_id: 'ARR', value: '125000.5' })).ok,
      ).toBe(true);
      expect(Number(await valueOf(deal, 'ARR'))).toBe(125000.5);
      const wrongType = await host.call('task_set_custom_field', {
        task_id: login,
        field_id: 'Story Points',
        value: 'lots',
      });
      expect(wrongType.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'value' });
    });

    it('refuses a field of another list, a missing value, and an out-of-scope task', async () => {
      const cs = w.tasks['Churn interview synthesis'];
      const other = await host.call('task_set_custom_field', {
        task_id: cs,
        field_id: 'Story Points',
        value: 3,
      });
      expect(other.issues[0]).toMatchObject({ code: 'NOT_FOUND', path: 'field_id' });
      expect(other.issues[0].message).toContain('ARR');
      const missing = await host.call('task_set_custom_field', { task_id: cs, field_id: 'ARR' });
      expect(missing.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'value' });
      const out = await engHost.call('task_set_custom_field', { task_id: cs, field_id: 'ARR', value: 1 });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      expect(await valueOf(cs, 'ARR')).toBeUndefined();
    });

    it('clears a value, idempotently', async () => {
      const login = w.tasks['Refactor Login Component'];
      for (let i = 0; i < 2; i++) {
        const envelope = await host.call('task_clear_custom_field', {
          task_id: login,
          field_id: 'Story Points',
        });
        expect(envelope).toMatchObject({ ok: true, result: { ok: true } });
      }
      expect(await valueOf(login, 'Story Points')).toBeUndefined();
      expect(await valueOf(login, 'Component')).toBe(0);
      const out = await engHost.call('task_clear_custom_field', {
        task_id: w.tasks['Acme Retail renewal at risk after SSO outage'],
        field_id: 'ARR',
      });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
    });
  });

  describe('task_add_dependency and task_remove_dependency', () => {
    const deps = async (id: string) => (await sandboxTask(sandbox.url, id))?.dependencies ?? [];

    it('adds waiting_on and blocking relations once, and removes them', async () => {
      const login = w.tasks['Refactor Login Component'];
      const node = w.tasks['Upgrade Node.js to 20 LTS'];
      const checkout = w.tasks['Checkout button misaligned on mobile Safari'];
      const first = await host.call('task_add_dependency', { task_id: login, depends_on: node });
      expect(first).toMatchObject({ ok: true, result: { ok: true, changed: true } });
      const again = await host.call('task_add_dependency', { task_id: login, depends_on: node });
      expect(again).toMatchObject({ ok: true, result: { ok: true, changed: false } });
      const blocking = await host.call('task_add_dependency', {
        task_id: checkout,
        depends_on: login,
        dependency_type: 'blocking',
      });
      expect(blocking.result).toMatchObject({ changed: true });
      const waiting = (await deps(login)).filter((d) => d.task_id === login).map((d) => d.depends_on);
      expect(waiting.sort()).toEqual([node, checkout].sort());

      const removed = await host.call('task_remove_dependency', { task_id: login, depends_on: node });
      expect(removed.result).toMatchObject({ ok: true, changed: true });
      const removedBlock = await host.call('task_remove_dependency', {
        task_id: checkout,
        depends_on: login,
        dependency_type: 'blocking',
      });
      expect(removedBlock.result).toMatchObject({ changed: true });
      expect((await deps(login)).filter((d) => d.task_id === login)).toEqual([]);
      const noop = await host.call('task_remove_dependency', { task_id: login, depends_on: node });
      expect(noop.result).toMatchObject({ ok: true, changed: false });
    });

    it('refuses self-dependencies and tasks outside the workspace or the scope', async () => {
      const login = w.tasks['Refactor Login Component'];
      const self = await host.call('task_add_dependency', { task_id: login, depends_on: login });
      expect(self.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'depends_on' });
      const globex = await host.call('task_add_dependency', {
        task_id: login,
        depends_on: w.tasks['Plan Q4 capacity'],
      });
      expect(DENIED).toContain(globex.issues[0]?.code);
      const cs = await engHost.call('task_add_dependency', {
        task_id: login,
        depends_on: w.tasks['Churn interview synthesis'],
      });
      expect(cs.issues[0]?.code).toBe('FORBIDDEN');
      expect((await deps(login)).length).toBe(0);
    });
  });

  describe('task_add_tag and task_remove_tag', () => {
    const tagsOf = async (id: string) => (await sandboxTask(sandbox.url, id))?.tags.map((t) => t.name);

    it('adds and removes a tag, idempotently', async () => {
      const login = w.tasks['Refactor Login Component'];
      expect((await host.call('task_add_tag', { task_id: login, tag: 'security' })).result).toEqual({
        ok: true,
        changed: true,
      });
      expect((await host.call('task_add_tag', { task_id: login, tag: 'Security' })).result).toMatchObject({
        changed: false,
      });
      expect(await tagsOf(login)).toEqual(['frontend', 'tech-debt', 'security']);
      expect((await host.call('task_remove_tag', { task_id: login, tag: 'tech-debt' })).result).toMatchObject(
        {
          changed: true,
        },
      );
      expect((await host.call('task_remove_tag', { task_id: login, tag: 'tech-debt' })).result).toMatchObject(
        {
          changed: false,
        },
      );
      expect(await tagsOf(login)).toEqual(['frontend', 'security']);
    });

    it('refuses an empty tag and out-of-scope tasks', async () => {
      const empty = await host.call('task_add_tag', {
        task_id: w.tasks['Refactor Login Component'],
        tag: '  ',
      });
      expect(empty.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'tag' });
      const launch = w.tasks['Draft launch blog post'];
      const out = await engHost.call('task_remove_tag', { task_id: launch, tag: 'launch' });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      expect(await tagsOf(launch)).toEqual(['launch']);
    });
  });
});
