import { ChecklistsTools } from './checklists/checklists.tools';
import { CommentsTools } from './comments/comments.tools';
import { ToolCatalog } from './core/catalog';
import { DocsTools } from './docs/docs.tools';
import { FoldersTools } from './folders/folders.tools';
import { GoalsTools } from './goals/goals.tools';
import { ListsTools } from './lists/lists.tools';
import { MembersTools } from './members/members.tools';
import { SpacesTools } from './spaces/spaces.tools';
import { TagsTools } from './tags/tags.tools';
import { loadAcmeWorld, resetSandbox, type AcmeWorld } from './tasks/testing/acme-world';
import { TasksTools } from './tasks/tasks.tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './testing/tool-host';
import { TimeTrackingTools } from './time-tracking/time-tracking.tools';
import { takeRequests } from './workspaces/sandbox-hierarchy.testing';

type Result = Record<string, unknown>;

/**
 * What the guards cost in ClickUp requests: a proof reads the object an id names, and the handler after it works
 * with that same read. Each call below makes exactly the requests listed, none of them twice before its write.
 */
describe('the ClickUp requests of a guarded call', () => {
  let sandbox: SandboxHandle;
  let whole: ToolHost;
  let pinned: ToolHost;
  let w: AcmeWorld;
  const v2 = (path: string) => `/api/v2${path}`;

  beforeAll(async () => {
    sandbox = await startSandbox();
    await resetSandbox(sandbox.url);
    w = await loadAcmeWorld(sandbox.url);
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
    const common = { catalog, sandboxUrl: sandbox.url, workspaceId: w.acmeId };
    whole = await startToolHost(common);
    pinned = await startToolHost({ ...common, spaceIds: [w.spaces['Engineering']] });
    // Both servers learn the workspace's spaces once, as any server does on its first space check.
    for (const host of [whole, pinned]) await host.call('folder_list', { space_id: w.spaces['Engineering'] });
  }, 60_000);
  afterAll(async () => {
    await whole?.close();
    await pinned?.close();
    await sandbox?.stop();
  });

  /** Calls a tool that must succeed; returns its result and the requests it made, in order of path. */
  async function requestsOf(host: ToolHost, tool: string, args: Result) {
    await takeRequests(sandbox.url);
    const envelope = await host.call<Result>(tool, args);
    expect({ tool, issues: envelope.issues }).toEqual({ tool, issues: [] });
    const requests = await takeRequests(sandbox.url);
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
      await whole.call<{ id: string }>('task_create', {
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

  it('reads the task of a relationship field once, and each linked task once', async () => {
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
      await pinned.call<{ id: string; items: { id: string }[] }>('checklist_create', {
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

    const comment = (await pinned.call<{ id: string }>('comment_create', { task_id: login, text: 'Shipped' }))
      .result;
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
    const goals = (await whole.call<{ items: { id: string }[] }>('goal_list', {})).result;
    const goal = goals?.items[0].id as string;
    expect(
      (await requestsOf(whole, 'goal_update', { goal_id: goal, description: 'Sharper' })).requests,
    ).toEqual([`GET ${v2(`/goal/${goal}`)}`, `PUT ${v2(`/goal/${goal}`)}`].sort());

    const login = w.tasks['Refactor Login Component'];
    const start = Date.parse('2030-01-02T10:00:00Z');
    const entry = (
      await pinned.call<{ id: string }>('time_entry_create', { task_id: login, start, duration_ms: 60_000 })
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

    const docs = await whole.call<{ items: { id: string }[] }>('doc_search', {
      query: 'API Rate Limiting Guidelines',
    });
    const doc = docs.result?.items[0].id as string;
    expect((await requestsOf(pinned, 'doc_get', { doc_id: doc })).requests).toEqual([
      `GET /api/v3/workspaces/${w.acmeId}/docs/${doc}`,
    ]);
  });
});
