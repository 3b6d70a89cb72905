import { ChecklistsTools, CommentsTools, TasksTools, TimeTrackingTools, type Envelope } from '@gw/mcp-tools';
import { raw, sandboxTask, type AcmeWorld } from './support/acme-world';
import { takeRequests } from './support/sandbox-hierarchy';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface Times {
  task_id: string;
  current: {
    status: string;
    time_ms: number;
    time: string;
    since_ms: number | null;
    since_iso: string | null;
  } | null;
  history: { status: string; time_ms: number; time: string }[];
}

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
}

const DENIED = ['FORBIDDEN', 'NOT_FOUND'];
const denied = (envelope: Envelope<unknown>) => {
  expect(envelope.ok).toBe(false);
  expect(DENIED).toContain(envelope.issues[0]?.code);
};

describe('moving, sharing and linking tasks, time in status and custom task ids, against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;

  useToolWorld(
    () => [new TasksTools(), new CommentsTools(), new ChecklistsTools(), new TimeTrackingTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeEach(async () => {
    await takeRequests(sandbox.url);
  });

  /** The requests ClickUp received since the last look, with their queries. */
  const requestLog = async (): Promise<LoggedRequest[]> => {
    const res = await fetch(`${sandbox.url}/_sandbox/requests`);
    const { requests } = (await res.json()) as { requests: LoggedRequest[] };
    await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    return requests;
  };
  const customId = async (name: string) =>
    (await sandboxTask(sandbox.url, w.tasks[name]))?.custom_id as string;

  describe('task_move', () => {
    it('moves a task to a list of its space, keeping its status', async () => {
      const tooltip = w.tasks['Tooltip text truncated in Firefox'];
      const before = await sandboxTask(sandbox.url, tooltip);
      const moved = await host.call('task_move', { task_id: tooltip, list_id: w.lists['Incoming Bugs'] });
      expect(moved).toEqual({ ok: true, result: { status: before?.status.status }, issues: [] });
      const after = await sandboxTask(sandbox.url, tooltip);
      expect(after?.list).toMatchObject({ id: w.lists['Incoming Bugs'], name: 'Incoming Bugs' });
      const requests = await takeRequests(sandbox.url);
      expect(requests).toContain(
        `PUT /api/v3/workspaces/${w.acmeId}/tasks/${tooltip}/home_list/${w.lists['Incoming Bugs']}`,
      );
    });

    it('maps a status the new list lacks to its first open status, and says so', async () => {
      const onboarding = w.tasks['Onboarding flow redesign'];
      const moved = await host.call('task_move', {
        task_id: onboarding,
        list_id: w.lists['Q3 Marketing Launch'],
      });
      expect(moved).toEqual({ ok: true, result: { status: 'to do' }, issues: [] });
      const after = await sandboxTask(sandbox.url, onboarding);
      expect(after?.list.name).toBe('Q3 Marketing Launch');
      expect(after?.status.status).toBe('to do');
    });

    it('answers without a request when the list is already its home', async () => {
      const login = w.tasks['Refactor Login Component'];
      const same = await host.call('task_move', { task_id: login, list_id: w.lists['Sprint 42'] });
      expect(same).toEqual({ ok: true, result: { status: 'in progress' }, issues: [] });
      expect((await takeRequests(sandbox.url)).filter((r) => r.startsWith('PUT '))).toEqual([]);
    });

    it('refuses a list or a task outside a pinned server, and bad arguments', async () => {
      const login = w.tasks['Refactor Login Component'];
      denied(await engHost.call('task_move', { task_id: login, list_id: w.lists['Q3 Marketing Launch'] }));
      denied(
        await engHost.call('task_move', {
          task_id: w.tasks['Draft launch blog post'],
          list_id: w.lists['Sprint 42'],
        }),
      );
      denied(await host.call('task_move', { task_id: login, list_id: w.globexListId }));
      expect((await sandboxTask(sandbox.url, login))?.list.name).toBe('Sprint 42');
      const missing = await host.call('task_move', { task_id: login });
      expect(missing.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'list_id' });
    });
  });

  describe('task_add_to_list and task_remove_from_list', () => {
    it('keeps a task in a further list, shown by task_get, and takes it out again', async () => {
      const login = w.tasks['Refactor Login Component'];
      const backlog = w.lists['Bug Backlog'];
      const added = await host.call('task_add_to_list', { task_id: login, list_id: backlog });
      expect(added).toEqual({ ok: true, result: { changed: true }, issues: [] });
      const again = await host.call('task_add_to_list', { task_id: login, list_id: backlog });
      expect(again.result).toEqual({ changed: false });
      const shown = await host.call<{ other_list_ids: string[]; list_id: string }>('task_get', {
        task_id: login,
      });
      expect(shown.result).toMatchObject({ other_list_ids: [backlog], list_id: w.lists['Sprint 42'] });

      const removed = await host.call('task_remove_from_list', { task_id: login, list_id: backlog });
      expect(removed).toEqual({ ok: true, result: { changed: true }, issues: [] });
      const gone = await host.call('task_remove_from_list', { task_id: login, list_id: backlog });
      expect(gone.result).toEqual({ changed: false });
      expect(
        (await host.call<{ other_list_ids: string[] }>('task_get', { task_id: login })).result
          ?.other_list_ids,
      ).toEqual([]);
    });

    it('refuses to take a task out of its home list, as ClickUp does', async () => {
      const login = w.tasks['Refactor Login Component'];
      const home = await host.call('task_remove_from_list', {
        task_id: login,
        list_id: w.lists['Sprint 42'],
      });
      expect(home.ok).toBe(false);
      expect(home.issues[0]).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'list_id',
        message: expect.stringContaining('home list'),
      });
      expect((await takeRequests(sandbox.url)).filter((r) => r.startsWith('DELETE '))).toEqual([]);
      // ClickUp's own answer, had the request been sent.
      const upstream = await raw<{ err: string; ECODE: string }>(
        sandbox.url,
        `/list/${w.lists['Sprint 42']}/task/${login}`,
        { method: 'DELETE' },
      );
      expect(upstream.status).toBe(400);
      expect(upstream.body.err).toContain('home List');
    });

    it('refuses lists outside a pinned server', async () => {
      const login = w.tasks['Refactor Login Component'];
      denied(
        await engHost.call('task_add_to_list', { task_id: login, list_id: w.lists['Q3 Marketing Launch'] }),
      );
      denied(await host.call('task_add_to_list', { task_id: login, list_id: w.globexListId }));
      expect((await sandboxTask(sandbox.url, login)) as unknown).toMatchObject({
        list: { name: 'Sprint 42' },
      });
    });
  });

  describe('task_link_add and task_link_remove', () => {
    it('links two tasks, shown on both, and unlinks them', async () => {
      const login = w.tasks['Refactor Login Component'];
      const node = w.tasks['Upgrade Node.js to 20 LTS'];
      expect(await host.call('task_link_add', { task_id: login, links_to: node })).toEqual({
        ok: true,
        result: { changed: true },
        issues: [],
      });
      expect((await host.call('task_link_add', { task_id: node, links_to: login })).result).toEqual({
        changed: false,
      });
      const other = await host.call<{ linked_task_ids: string[] }>('task_get', { task_id: node });
      expect(other.result?.linked_task_ids).toContain(login);

      expect((await host.call('task_link_remove', { task_id: node, links_to: login })).result).toEqual({
        changed: true,
      });
      expect((await host.call('task_link_remove', { task_id: login, links_to: node })).result).toEqual({
        changed: false,
      });
      const mine = await host.call<{ linked_task_ids: string[] }>('task_get', { task_id: login });
      expect(mine.result?.linked_task_ids).not.toContain(node);
    });

    it('refuses a task linked to itself and a task outside a pinned server', async () => {
      const login = w.tasks['Refactor Login Component'];
      const self = await host.call('task_link_add', { task_id: login, links_to: login });
      expect(self.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'links_to' });
      denied(
        await engHost.call('task_link_add', { task_id: login, links_to: w.tasks['Draft launch blog post'] }),
      );
      expect((await takeRequests(sandbox.url)).filter((r) => r.startsWith('POST '))).toEqual([]);
    });
  });

  describe('task_time_in_status', () => {
    it("gives one task's current status with since, and the time in each status it went through", async () => {
      const node = w.tasks['Upgrade Node.js to 20 LTS'];
      const times = await host.call<{ tasks: Times[] }>('task_time_in_status', { task_id: node });
      expect(times.ok).toBe(true);
      const [task] = times.result?.tasks ?? [];
      expect(task.task_id).toBe(node);
      expect(task.current).toMatchObject({ status: 'review', time: expect.stringMatching(/^\d+d( \d+h)?$/) });
      expect(task.current?.since_iso).toBe(new Date(task.current?.since_ms as number).toISOString());
      expect(task.history.map((h) => h.status)).toEqual(['to do', 'review']);
      expect(task.history[0].time_ms).toBeGreaterThan(24 * 3_600_000);
      expect((await takeRequests(sandbox.url)).filter((r) => r.includes('time_in_status'))).toEqual([
        `GET /api/v2/task/${node}/time_in_status`,
      ]);
    });

    it('records a status change, and answers up to 100 tasks in one request, custom ids included', async () => {
      const login = w.tasks['Refactor Login Component'];
      const node = w.tasks['Upgrade Node.js to 20 LTS'];
      await host.call('task_update', { task_id: login, status: 'review' });
      const nodeCustom = await customId('Upgrade Node.js to 20 LTS');
      const times = await host.call<{ tasks: Times[] }>('task_time_in_status', {
        task_ids: [login, nodeCustom],
      });
      expect(times.result?.tasks.map((t) => t.task_id)).toEqual([login, node]);
      const [mine] = times.result?.tasks ?? [];
      expect(mine.current).toMatchObject({ status: 'review', time: '0m' });
      expect(mine.history.map((h) => h.status)).toEqual(['to do', 'in progress', 'review']);
      const requests = (await requestLog()).filter((r) => r.path.includes('time_in_status'));
      expect(requests).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: '/api/v2/task/bulk_time_in_status/task_ids',
          query: { task_ids: [login, node] },
        }),
      ]);
    });

    it('refuses bad arguments and tasks outside a pinned server', async () => {
      const login = w.tasks['Refactor Login Component'];
      for (const args of [{}, { task_id: login, task_ids: [login] }, { task_ids: [] }]) {
        const answer = await host.call('task_time_in_status', args);
        expect(answer.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_ids' });
      }
      const tooMany = await host.call('task_time_in_status', {
        task_ids: Array.from({ length: 101 }, (_, i) => `t${i}`),
      });
      expect(tooMany.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_ids' });
      denied(
        await engHost.call('task_time_in_status', { task_ids: [login, w.tasks['Draft launch blog post']] }),
      );
    });
  });

  describe('custom task ids in every tool that takes a task id', () => {
    it('updates, comments, adds a checklist and logs time on ENG- ids, sending ClickUp the task ids', async () => {
      const login = w.tasks['Refactor Login Component'];
      const eng = await customId('Refactor Login Component');
      expect(eng).toMatch(/^ENG-\d+$/);
      await requestLog();

      const updated = await host.call<{ id: string; name: string }>('task_update', {
        task_id: eng,
        name: 'Refactor the login component',
      });
      expect(updated.result).toMatchObject({ id: login, name: 'Refactor the login component' });
      const comment = await host.call('comment_create', { task_id: eng, text: 'Custom ids work.' });
      expect(comment.ok).toBe(true);
      const checklist = await host.call('checklist_create', { task_id: eng, name: 'Release' });
      expect(checklist.ok).toBe(true);
      const entry = await engHost.call('time_entry_create', {
        task_id: eng,
        start: Date.parse('2030-01-02T10:00:00Z'),
        duration_ms: 600_000,
      });
      expect(entry.ok).toBe(true);
      const gotten = await host.call<{ id: string; custom_id: string }>('task_get', { task_id: eng });
      expect(gotten.result).toMatchObject({ id: login, custom_id: eng });

      const logged = await requestLog();
      // The custom id is read once per call, with the workspace; every write names the task's own id.
      expect(logged.filter((r) => r.path.includes(eng))).toEqual(
        Array(5).fill(
          expect.objectContaining({
            method: 'GET',
            path: `/api/v2/task/${eng}`,
            query: expect.objectContaining({ custom_task_ids: 'true', team_id: w.acmeId }),
          }),
        ),
      );
      const requests = logged.map((r) => `${r.method} ${r.path}`);
      // The handlers find the task the proof read under its own id: no second read.
      expect(requests.filter((r) => r === `GET /api/v2/task/${login}`)).toEqual([]);
      expect(requests.filter((r) => !r.startsWith('GET ')).every((r) => !r.includes(eng))).toBe(true);
      expect(requests).toContain(`PUT /api/v2/task/${login}`);
      expect(requests).toContain(`POST /api/v2/task/${login}/comment`);
      expect(requests).toContain(`POST /api/v2/task/${login}/checklist`);
      const task = await sandboxTask(sandbox.url, login);
      expect(task?.name).toBe('Refactor the login component');
    });

    it('takes custom ids in depends_on and in a relationship field value', async () => {
      const migration = w.tasks['Migrate users table to UUID keys'];
      const login = w.tasks['Refactor Login Component'];
      const [migrationEng, loginEng] = await Promise.all([
        customId('Migrate users table to UUID keys'),
        customId('Refactor Login Component'),
      ]);
      const dependency = await host.call('task_add_dependency', {
        task_id: migrationEng,
        depends_on: loginEng,
      });
      expect(dependency.result).toEqual({ ok: true, changed: true });
      expect((await sandboxTask(sandbox.url, migration))?.dependencies).toContainEqual(
        expect.objectContaining({ task_id: migration, depends_on: login }),
      );
      const related = await host.call('task_set_custom_field', {
        task_id: migrationEng,
        field_id: 'Related Work',
        value: [loginEng],
      });
      expect(related.ok).toBe(true);
      const field = (await sandboxTask(sandbox.url, migration))?.custom_fields.find(
        (f) => f.name === 'Related Work',
      );
      expect((field?.value as { id: string }[]).map((t) => t.id)).toEqual([login]);
    });

    it("takes custom ids in a relationship field given to task_update, and ClickUp gets the tasks' own ids", async () => {
      const migration = w.tasks['Migrate users table to UUID keys'];
      const login = w.tasks['Refactor Login Component'];
      const [migrationEng, loginEng] = await Promise.all([
        customId('Migrate users table to UUID keys'),
        customId('Refactor Login Component'),
      ]);
      const updated = await host.call('task_update', {
        task_id: migrationEng,
        custom_fields: [{ field: 'Related Work', value: [loginEng] }],
      });
      expect(updated).toMatchObject({ ok: true, issues: [] });
      const field = (await sandboxTask(sandbox.url, migration))?.custom_fields.find(
        (f) => f.name === 'Related Work',
      );
      expect((field?.value as { id: string }[]).map((t) => t.id)).toEqual([login]);
    });

    it("keeps task_get's custom_task_ids flag working", async () => {
      const eng = await customId('Upgrade Node.js to 20 LTS');
      const flagged = await host.call<{ id: string }>('task_get', {
        task_id: eng,
        custom_task_ids: true,
        team_id: w.acmeId,
      });
      expect(flagged.result?.id).toBe(w.tasks['Upgrade Node.js to 20 LTS']);
    });

    it("refuses a custom id of a task outside a pinned server's spaces like any other task", async () => {
      const mkt = await customId('Draft launch blog post');
      expect(mkt).toMatch(/^MKT-\d+$/);
      denied(await engHost.call('task_update', { task_id: mkt, name: 'Nope' }));
      denied(await engHost.call('comment_create', { task_id: mkt, text: 'Nope' }));
      denied(await engHost.call('task_get', { task_id: mkt }));
      const unknown = await host.call('task_get', { task_id: 'ENG-99999' });
      expect(unknown.ok).toBe(false);
      expect((await takeRequests(sandbox.url)).filter((r) => !r.startsWith('GET '))).toEqual([]);
      expect((await sandboxTask(sandbox.url, w.tasks['Draft launch blog post']))?.name).toBe(
        'Draft launch blog post',
      );
    });
  });
});
