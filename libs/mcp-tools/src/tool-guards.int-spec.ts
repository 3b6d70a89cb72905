import { ClickUpClient, closeClickUpPools } from '@gw/clickup-client';
import { AppProcess, freePort } from '@gw/testing';
import { ChecklistsTools } from './checklists/checklists.tools';
import { CommentsTools } from './comments/comments.tools';
import { ToolCatalog } from './core/catalog';
import type { Envelope } from './core/envelope';
import { Scope } from './core/scope';
import type { ToolContext } from './core/tool-context';
import { DocsTools } from './docs/docs.tools';
import { FoldersTools } from './folders/folders.tools';
import { GoalsTools } from './goals/goals.tools';
import { ListsTools } from './lists/lists.tools';
import { MembersTools } from './members/members.tools';
import { SpacesTools } from './spaces/spaces.tools';
import { TagsTools } from './tags/tags.tools';
import { TasksTools } from './tasks/tasks.tools';
import { TimeTrackingTools } from './time-tracking/time-tracking.tools';

type Result = Record<string, unknown>;

/**
 * What the guards cost in ClickUp requests: a proof reads the object an id names, and the handler after it works
 * with that same read. Each call below, made through `ToolCatalog.call` against the sandbox, makes exactly the
 * requests listed, none of them twice before its write.
 */
describe('the ClickUp requests of a guarded call', () => {
  let sandbox: AppProcess;
  let url: string;
  let whole: ToolContext;
  let pinned: ToolContext;
  const w = {
    acmeId: '',
    spaces: {} as Record<string, string>,
    lists: {} as Record<string, string>,
    tasks: {} as Record<string, string>,
  };
  const v2 = (path: string) => `/api/v2${path}`;
  const catalog = new ToolCatalog([
    new SpacesTools(),
    new FoldersTools(),
    new ListsTools(),
    new TasksTools(),
    new CommentsTools(),
    new ChecklistsTools(),
    new GoalsTools(),
    new TimeTrackingTools(),
    new DocsTools(),
    new MembersTools(),
    new TagsTools(),
  ]);
  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${url}/api/v2${path}`, { headers: { authorization: 'pk_sandbox_owner' } })
    ).json()) as T;
  /** The requests the sandbox received since the last ask, then cleared. */
  const takeRequests = async (): Promise<string[]> => {
    const { requests } = (await (await fetch(`${url}/_sandbox/requests`)).json()) as {
      requests: { method: string; path: string }[];
    };
    await fetch(`${url}/_sandbox/requests`, { method: 'DELETE' });
    return requests.map((r) => `${r.method} ${r.path}`);
  };
  const call = <T = Result>(ctx: ToolContext, tool: string, args: Result) =>
    catalog.call(tool, args, ctx) as Promise<Envelope<T>>;

  beforeAll(async () => {
    const port = await freePort();
    sandbox = AppProcess.start('clickup-sandbox', {
      SANDBOX_PORT: String(port),
      SANDBOX_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await sandbox.waitForLine(/ClickUp sandbox listening/);
    url = `http://127.0.0.1:${port}`;
    const { teams } = await get<{ teams: { id: string; name: string }[] }>('/team');
    w.acmeId = teams.find((t) => t.name === 'Acme Corp')?.id as string;
    const { spaces } = await get<{ spaces: { id: string; name: string }[] }>(`/team/${w.acmeId}/space`);
    w.spaces = Object.fromEntries(spaces.map((s) => [s.name, s.id]));
    for (let page = 0; ; page++) {
      const { tasks, last_page } = await get<{
        tasks: { id: string; name: string; list: { id: string; name: string } }[];
        last_page: boolean;
      }>(`/team/${w.acmeId}/task?include_closed=true&subtasks=true&page=${page}`);
      for (const t of tasks) {
        w.tasks[t.name] = t.id;
        w.lists[t.list.name] = t.list.id;
      }
      if (last_page) break;
    }
    const client = new ClickUpClient({
      baseUrl: url,
      credential: { kind: 'personal', token: 'pk_sandbox_owner' },
    });
    const selection = catalog.select();
    whole = { client, scope: new Scope(w.acmeId), selection };
    pinned = { client, scope: new Scope(w.acmeId, [w.spaces['Engineering']]), selection };
    // Both servers learn the workspace's spaces once, as any server does on its first space check.
    for (const ctx of [whole, pinned]) await call(ctx, 'folder_list', { space_id: w.spaces['Engineering'] });
  }, 60_000);
  afterAll(async () => {
    await closeClickUpPools();
    await sandbox?.stop();
  });

  /** Calls a tool that must succeed; returns its result and the requests it made, in order of path. */
  async function requestsOf(ctx: ToolContext, tool: string, args: Result) {
    await takeRequests();
    const envelope = await call(ctx, tool, args);
    expect({ tool, issues: envelope.issues }).toEqual({ tool, issues: [] });
    const requests = await takeRequests();
    const firstWrite = requests.findIndex((r) => !r.startsWith('GET '));
    const reads = firstWrite === -1 ? requests : requests.slice(0, firstWrite);
    expect({ tool, repeated: reads.filter((r, i) => reads.indexOf(r) !== i) }).toEqual({
      tool,
      repeated: [],
    });
    return { result: envelope.result as Result, requests: [...requests].sort() };
  }

  it('reads each task a call names once, though its guard and its handler both need it', async () => {
    const login = w.tasks['Refactor Login Component'];
    const onboarding = w.tasks['Onboarding flow redesign'];
    expect((await requestsOf(whole, 'task_get', { task_id: login })).requests).toEqual([
      `GET ${v2(`/task/${login}`)}`,
    ]);
    expect(
      (await requestsOf(pinned, 'task_update', { task_id: login, name: 'Login refactor' })).requests,
    ).toEqual([`GET ${v2(`/task/${login}`)}`, `PUT ${v2(`/task/${login}`)}`].sort());
    const created = (
      await call<{ id: string }>(whole, 'task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Subtask to be',
      })
    ).result?.id as string;
    const moved = await requestsOf(whole, 'task_update', { task_id: created, parent: onboarding });
    expect(moved.requests).toEqual(
      [
        `GET ${v2(`/task/${created}`)}`,
        `GET ${v2(`/task/${onboarding}`)}`,
        `PUT ${v2(`/task/${created}`)}`,
      ].sort(),
    );
    const dependency = await requestsOf(pinned, 'task_add_dependency', {
      task_id: login,
      depends_on: onboarding,
    });
    expect(dependency.requests).toEqual(
      [
        `GET ${v2(`/task/${login}`)}`,
        `GET ${v2(`/task/${onboarding}`)}`,
        `POST ${v2(`/task/${login}/dependency`)}`,
      ].sort(),
    );
    expect((await requestsOf(whole, 'task_add_tag', { task_id: login, tag: 'backend' })).requests).toEqual(
      [`GET ${v2(`/task/${login}`)}`, `POST ${v2(`/task/${login}/tag/backend`)}`].sort(),
    );
  });

  it('reads the task of a relationship field once before the write, and each linked task once', async () => {
    const migration = w.tasks['Migrate users table to UUID keys'];
    const login = w.tasks['Refactor Login Component'];
    const { result, requests } = await requestsOf(pinned, 'task_set_custom_field', {
      task_id: migration,
      field_id: 'Related Work',
      value: [login],
    });
    expect(requests).toEqual(
      [
        `GET ${v2(`/task/${migration}`)}`,
        `GET ${v2(`/task/${login}`)}`,
        `POST ${v2(`/task/${migration}/field/${String(result['field_id'])}`)}`,
        // ClickUp answers the write with {}: one read after it shows what it kept (NOT_APPLIED otherwise).
        `GET ${v2(`/task/${migration}`)}`,
      ].sort(),
    );
  });

  it('reads a list, folder or space once on a pinned server, where every id is checked every time', async () => {
    const sprint = w.lists['Sprint 42'];
    const engineering = w.spaces['Engineering'];
    expect((await requestsOf(pinned, 'list_get', { list_id: sprint })).requests).toEqual([
      `GET ${v2(`/list/${sprint}`)}`,
    ]);
    expect(
      (await requestsOf(pinned, 'list_update', { list_id: sprint, content: 'Ship it' })).requests,
    ).toEqual([`GET ${v2(`/list/${sprint}`)}`, `PUT ${v2(`/list/${sprint}`)}`].sort());
    const { result } = await requestsOf(pinned, 'folder_create', { space_id: engineering, name: 'Guarded' });
    const folderId = String(result['id']);
    expect(
      (await requestsOf(pinned, 'folder_update', { folder_id: folderId, name: 'Guarded 2' })).requests,
    ).toEqual([`GET ${v2(`/folder/${folderId}`)}`, `PUT ${v2(`/folder/${folderId}`)}`].sort());
    expect((await requestsOf(pinned, 'space_get', { space_id: engineering })).requests).toEqual([
      `GET ${v2(`/space/${engineering}`)}`,
    ]);
    expect((await requestsOf(pinned, 'tag_list', { space_id: engineering })).requests).toEqual([
      `GET ${v2(`/space/${engineering}/tag`)}`,
    ]);
  });

  it('finds a checklist and a comment in the one read of their task', async () => {
    const login = w.tasks['Refactor Login Component'];
    const checklist = (
      await call<{ id: string; items: { id: string }[] }>(pinned, 'checklist_create', {
        task_id: login,
        name: 'Release',
        items: ['Tag', 'Notes'],
      })
    ).result;
    const [first, second] = checklist?.items ?? [];
    const nested = await requestsOf(pinned, 'checklist_item_update', {
      task_id: login,
      checklist_id: checklist?.id,
      item_id: second.id,
      parent_item_id: first.id,
    });
    expect(nested.requests).toEqual(
      [
        `GET ${v2(`/task/${login}`)}`,
        `PUT ${v2(`/checklist/${checklist?.id}/checklist_item/${second.id}`)}`,
      ].sort(),
    );

    const comment = (
      await call<{ id: string }>(pinned, 'comment_create', { task_id: login, text: 'Shipped' })
    ).result;
    const edited = await requestsOf(pinned, 'comment_update', {
      task_id: login,
      comment_id: comment?.id,
      text: 'Done',
    });
    expect(edited.requests).toEqual(
      [
        `GET ${v2(`/task/${login}`)}`,
        `GET ${v2(`/task/${login}/comment`)}`,
        `PUT ${v2(`/comment/${comment?.id}`)}`,
      ].sort(),
    );
  });

  it('reads a goal, a time entry and a doc once, and a time entry again only after writing it', async () => {
    const goals = (await call<{ items: { id: string }[] }>(whole, 'goal_list', {})).result;
    const goal = goals?.items[0].id as string;
    expect(
      (await requestsOf(whole, 'goal_update', { goal_id: goal, description: 'Sharper' })).requests,
    ).toEqual([`GET ${v2(`/goal/${goal}`)}`, `PUT ${v2(`/goal/${goal}`)}`].sort());

    const login = w.tasks['Refactor Login Component'];
    const start = Date.parse('2030-01-02T10:00:00Z');
    const entry = (
      await call<{ id: string }>(pinned, 'time_entry_create', { task_id: login, start, duration_ms: 60_000 })
    ).result?.id as string;
    const path = v2(`/team/${w.acmeId}/time_entries/${entry}`);
    const updated = await requestsOf(pinned, 'time_entry_update', {
      time_entry_id: entry,
      description: 'Review',
    });
    expect(updated.requests).toEqual([`GET ${path}`, `GET ${path}`, `PUT ${path}`]);
    expect((await requestsOf(pinned, 'time_entry_get', { time_entry_id: entry })).requests).toEqual([
      `GET ${path}`,
    ]);

    const docs = await call<{ items: { id: string }[] }>(whole, 'doc_search', {
      query: 'API Rate Limiting Guidelines',
    });
    const doc = docs.result?.items[0].id as string;
    expect((await requestsOf(pinned, 'doc_get', { doc_id: doc })).requests).toEqual([
      `GET /api/v3/workspaces/${w.acmeId}/docs/${doc}`,
    ]);
  });
});
