import { Test } from '@nestjs/testing';
import { ClickUpClient, closeClickUpPools } from '@gw/clickup-client';
import { AppProcess, freePort } from '@gw/testing';
import { ToolCatalog, type ToolSelection } from '../core/catalog';
import type { Envelope } from '../core/envelope';
import { Scope } from '../core/scope';
import type { ToolContext } from '../core/tool-context';
import { McpToolsModule } from '../mcp-tools.module';
import type { EffectPreview } from './effect-preview';

type Result = Record<string, unknown>;
type Preview = Awaited<ReturnType<ToolCatalog['preview']>>;

const KIND_OF_METHOD: Record<string, EffectPreview['kind']> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
};

/**
 * `ToolCatalog.preview` against the sandbox, through the production catalog: what an approver is shown of a call
 * before it runs, read from ClickUp without writing to it, and what that costs in ClickUp requests.
 */
describe('the preview of a call, read from ClickUp', () => {
  let sandbox: AppProcess;
  let url: string;
  let catalog: ToolCatalog;
  let selection: ToolSelection;
  let client: ClickUpClient;
  let whole: ToolContext;
  let pinned: ToolContext;
  const w = {
    acmeId: '',
    spaces: {} as Record<string, string>,
    folders: {} as Record<string, string>,
    lists: {} as Record<string, string>,
    tasks: {} as Record<string, string>,
  };

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
  const call = async <T = Result>(ctx: ToolContext, tool: string, args: Result): Promise<T> => {
    const envelope = (await catalog.call(tool, args, ctx)) as Envelope<T>;
    expect({ tool, issues: envelope.issues }).toEqual({ tool, issues: [] });
    return envelope.result as T;
  };
  /** A preview, and the ClickUp requests it made. */
  const preview = async (ctx: ToolContext, tool: string, args: Result) => {
    await takeRequests();
    const answer = await catalog.preview(tool, args, ctx);
    return { answer, requests: await takeRequests() };
  };
  const shown = (answer: Preview): EffectPreview => {
    if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.issues)}`);
    return answer.preview;
  };
  /** A server's scope as it is after its first space check: the workspace's spaces known, no list remembered. */
  const freshScope = async (spaceIds: string[] = []) => {
    const scope = new Scope(w.acmeId, spaceIds, { allowWorkspaceObjects: true });
    await scope.checkSpace(client, w.spaces['Engineering']);
    return scope;
  };

  beforeAll(async () => {
    const port = await freePort();
    sandbox = AppProcess.start('clickup-sandbox', {
      SANDBOX_PORT: String(port),
      SANDBOX_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await sandbox.waitForLine(/ClickUp sandbox listening/);
    url = `http://127.0.0.1:${port}`;
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
    selection = catalog.select();
    const { teams } = await get<{ teams: { id: string; name: string }[] }>('/team');
    w.acmeId = teams.find((t) => t.name === 'Acme Corp')?.id as string;
    const { spaces } = await get<{ spaces: { id: string; name: string }[] }>(`/team/${w.acmeId}/space`);
    w.spaces = Object.fromEntries(spaces.map((s) => [s.name, s.id]));
    const { folders } = await get<{ folders: { id: string; name: string }[] }>(
      `/space/${w.spaces['Engineering']}/folder`,
    );
    w.folders = Object.fromEntries(folders.map((f) => [f.name, f.id]));
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
    client = new ClickUpClient({ baseUrl: url, credential: { kind: 'personal', token: 'pk_sandbox_owner' } });
    whole = { client, scope: await freshScope(), selection };
    pinned = { client, scope: await freshScope([w.spaces['Engineering']]), selection };
  }, 60_000);
  afterAll(async () => {
    await closeClickUpPools();
    await sandbox?.stop();
  });

  it('counts the subtasks and comments a task delete takes with it, and deletes nothing', async () => {
    const sprint = w.lists['Sprint 42'];
    const task = await call<{ id: string }>(whole, 'task_create', { list_id: sprint, name: 'Fix login' });
    for (const name of ['Reproduce', 'Patch']) {
      await call(whole, 'task_create', { list_id: sprint, name, parent: task.id });
    }
    for (const text of ['First look', 'Cause found', 'Fixed on staging']) {
      await call(whole, 'comment_create', { task_id: task.id, text });
    }

    const { answer, requests } = await preview(pinned, 'task_delete', { task_id: task.id });

    expect(shown(answer)).toEqual({
      kind: 'delete',
      summary: `Deletes task "Fix login" (${task.id}) in list Sprint 42 with 2 subtasks and 3 comments`,
      target: { type: 'task', id: task.id, name: 'Fix login', url: `https://app.clickup.com/t/${task.id}` },
      counts: { subtasks: 2, comments: 3 },
      tasks_touched: 3,
    });
    // The guard's read of the task, the task again with its subtasks, one page of comments: nothing written.
    expect(requests.sort()).toEqual(
      [
        `GET /api/v2/task/${task.id}`,
        `GET /api/v2/task/${task.id}`,
        `GET /api/v2/task/${task.id}/comment`,
      ].sort(),
    );
    expect((await call<{ id: string }>(whole, 'task_get', { task_id: task.id })).id).toBe(task.id);
  });

  it("shows a task update's fields as ClickUp has them now and as the call proposes them", async () => {
    const task = await call<{ id: string }>(whole, 'task_create', {
      list_id: w.lists['Sprint 42'],
      name: 'Tune the cache',
      description: 'Hit rate is 40%.',
      priority: 'low',
    });

    const { answer } = await preview(whole, 'task_update', {
      task_id: task.id,
      name: 'Tune the cache <b>now</b>',
      status: 'in progress',
      priority: 'urgent',
      assignees: ['me'],
      due_date: '2030-01-02T03:04:05Z',
      time_estimate: 5_400_000,
    });

    const result = shown(answer);
    expect(result.summary).toBe(
      `Updates task "Tune the cache" (${task.id}) in list Sprint 42: name, status, priority, assignees, ` +
        'due_date, time_estimate',
    );
    expect(result.changes).toEqual([
      { field: 'name', from: 'Tune the cache', to: 'Tune the cache now' },
      { field: 'status', from: 'to do', to: 'in progress' },
      { field: 'priority', from: 'low', to: 'urgent' },
      { field: 'assignees', from: [], to: [expect.stringMatching(/^.+ \(\d+\)$/)] },
      { field: 'due_date', from: null, to: '2030-01-02T03:04:05.000Z' },
      { field: 'time_estimate', from: null, to: '1h 30m' },
    ]);
    expect(result.tasks_touched).toBe(1);
    expect((await call<{ status: string }>(whole, 'task_get', { task_id: task.id })).status).toBe('to do');
  });

  it('names the list a task would be created in, and creates nothing', async () => {
    const sprint = w.lists['Sprint 42'];
    const { answer, requests } = await preview(pinned, 'task_create', {
      list_id: sprint,
      name: 'Write the runbook',
      priority: 2,
      tags: ['docs'],
    });

    expect(shown(answer)).toEqual({
      kind: 'create',
      summary: 'Creates task "Write the runbook" in list Sprint 42',
      proposed: { name: 'Write the runbook', priority: 'high', tags: ['docs'] },
      location: { type: 'list', id: sprint, name: 'Sprint 42' },
      tasks_touched: 1,
    });
    expect(requests).toEqual([`GET /api/v2/list/${sprint}`]);
  });

  it('shows the task type and the custom fields a task would be created with, by name', async () => {
    const sprint = w.lists['Sprint 42'];
    const { answer, requests } = await preview(pinned, 'task_create', {
      list_id: sprint,
      name: 'Release 2.4',
      task_type: 'milestone',
      custom_fields: [
        { field: 'component', value: 'backend' },
        { field: 'Story Points', value: 8 },
      ],
    });

    expect(shown(answer)).toEqual({
      kind: 'create',
      summary: 'Creates task "Release 2.4" in list Sprint 42',
      proposed: {
        name: 'Release 2.4',
        task_type: 'Milestone',
        custom_fields: { Component: 'Backend', 'Story Points': 8 },
      },
      location: { type: 'list', id: sprint, name: 'Sprint 42' },
      tasks_touched: 1,
    });
    expect(requests.sort()).toEqual(
      [`GET /api/v2/list/${sprint}`, `GET /api/v2/list/${sprint}/field`].sort(),
    );
  });

  it("shows a task type change and each custom field's value now and as proposed, and writes nothing", async () => {
    const login = w.tasks['Refactor Login Component'];
    const { answer, requests } = await preview(whole, 'task_update', {
      task_id: login,
      task_type: 'Bug',
      custom_fields: [{ field: 'Story Points', value: 13 }],
    });
    const result = shown(answer);
    expect(result.summary).toBe(
      `Updates task "Refactor Login Component" (${login}) in list Sprint 42: task_type, custom field Story Points`,
    );
    expect(result.changes).toEqual([
      { field: 'task_type', from: 'Task', to: 'Bug' },
      { field: 'custom field Story Points', from: expect.any(Number), to: 13 },
    ]);
    expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  });

  it("shows a custom field's value now and as proposed, and refuses a value the field cannot take", async () => {
    const login = w.tasks['Refactor Login Component'];
    const field = shown(
      (
        await preview(whole, 'task_set_custom_field', {
          task_id: login,
          field_id: 'Component',
          value: 'backend',
        })
      ).answer,
    );
    expect(field.changes).toEqual([{ field: 'Component', from: 'Frontend', to: 'Backend' }]);
    expect(field.summary).toBe(
      `Sets custom field "Component" on task "Refactor Login Component" (${login}) in list Sprint 42`,
    );

    const refused = await catalog.preview(
      'task_set_custom_field',
      { task_id: login, field_id: 'Component', value: 'Marketing' },
      whole,
    );
    expect(refused).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({ code: 'VALIDATION_ERROR', message: expect.stringContaining('Frontend') }),
      ],
    });
    const itself = await catalog.preview('task_add_dependency', { task_id: login, depends_on: login }, whole);
    expect(itself).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({ code: 'VALIDATION_ERROR', message: 'A task cannot depend on itself.' }),
      ],
    });
  });

  it('counts what a deleted list, folder and space take with them', async () => {
    const folder = await call<{ id: string }>(whole, 'folder_create', {
      space_id: w.spaces['Marketing'],
      name: 'Retired campaigns',
    });
    const spring = await call<{ id: string }>(whole, 'list_create', { folder_id: folder.id, name: 'Spring' });
    const autumn = await call<{ id: string }>(whole, 'list_create', { folder_id: folder.id, name: 'Autumn' });
    for (const name of ['Posters', 'Radio', 'Mailing']) {
      await call(whole, 'task_create', { list_id: spring.id, name });
    }
    await call(whole, 'task_create', { list_id: autumn.id, name: 'Leaflets' });

    const list = shown((await preview(whole, 'list_delete', { list_id: spring.id })).answer);
    expect(list).toMatchObject({
      summary: `Deletes list "Spring" (${spring.id}) in folder Retired campaigns with 3 tasks`,
      counts: { tasks: 3 },
      tasks_touched: 3,
    });
    const folderPreview = shown((await preview(whole, 'folder_delete', { folder_id: folder.id })).answer);
    expect(folderPreview).toMatchObject({
      summary: `Deletes folder "Retired campaigns" (${folder.id}) in space Marketing with 2 lists and 4 tasks`,
      counts: { lists: 2, tasks: 4 },
      tasks_touched: 4,
    });
    const launch = await call<{ task_count: number }>(whole, 'list_get', {
      list_id: w.lists['Q3 Marketing Launch'],
    });
    const tasks = launch.task_count + 4;
    const space = shown((await preview(whole, 'space_delete', { space_id: w.spaces['Marketing'] })).answer);
    expect(space).toMatchObject({
      summary: `Deletes space "Marketing" (${w.spaces['Marketing']}) with 2 folders, 3 lists and ${tasks} tasks`,
      counts: { folders: 2, lists: 3, tasks },
      tasks_touched: tasks,
    });
  });

  it('still answers when ClickUp cannot be read, saying why', async () => {
    const docs = await call<{ items: { id: string }[] }>(whole, 'doc_search', {
      query: 'API Rate Limiting Guidelines',
    });
    const doc = docs.items[0].id;
    const missingPage = await catalog.preview(
      'doc_page_update',
      { doc_id: doc, page_id: 'nosuchpage', content: 'New text' },
      whole,
    );
    expect(missingPage).toEqual({
      ok: true,
      preview: {
        kind: 'update',
        summary: 'Edit a doc page (doc_page_update)',
        unavailable: expect.stringMatching(/.+/),
      },
    });

    // A list the server checked earlier and so does not check again, deleted since in ClickUp.
    const gone = await call<{ id: string }>(whole, 'list_create', {
      space_id: w.spaces['Marketing'],
      name: 'Gone',
    });
    await call(whole, 'list_get', { list_id: gone.id });
    await fetch(`${url}/api/v2/list/${gone.id}`, {
      method: 'DELETE',
      headers: { authorization: 'pk_sandbox_owner' },
    });
    const missingList = shown((await preview(whole, 'list_delete', { list_id: gone.id })).answer);
    expect(missingList).toEqual({
      kind: 'delete',
      summary: 'Delete list (list_delete)',
      unavailable: expect.stringMatching(/.+/),
    });

    const login = w.tasks['Refactor Login Component'];
    await fetch(`${url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', path: `/api/v2/task/${login}/comment`, status: 503, count: 5 }),
    });
    try {
      const failing = shown((await preview(whole, 'task_delete', { task_id: login })).answer);
      expect(failing).toEqual({
        kind: 'delete',
        summary: 'Delete task (task_delete)',
        unavailable: expect.stringMatching(/.+/),
      });
    } finally {
      await fetch(`${url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });

  it("refuses a call outside the server's scope or tools instead of previewing it", async () => {
    const marketingTask = w.tasks['Draft launch blog post'];
    const outside = await preview(pinned, 'task_delete', { task_id: marketingTask });
    expect(outside.answer).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          code: 'FORBIDDEN',
          message: expect.stringContaining('outside the spaces'),
        }),
      ],
    });
    expect(outside.requests).toEqual([`GET /api/v2/task/${marketingTask}`]);

    const readOnly = { ...whole, selection: catalog.select({ methods: ['read'] }) };
    const notListed = await preview(readOnly, 'task_delete', {
      task_id: w.tasks['Refactor Login Component'],
    });
    expect(notListed).toEqual({
      answer: { ok: false, issues: [expect.objectContaining({ code: 'FORBIDDEN' })] },
      requests: [],
    });
  });

  /**
   * Example arguments of every write tool, on the seeded workspace (a preview writes nothing, so seeded objects
   * serve), with the summary each preview must give. A write tool added to the catalog without an example here
   * fails the walk below.
   */
  async function writeToolExamples(): Promise<Record<string, { args: Result; summary: RegExp }>> {
    const login = w.tasks['Refactor Login Component'];
    const limiter = w.tasks['Implement rate limiter middleware'];
    const node = w.tasks['Upgrade Node.js to 20 LTS'];
    const sprint = w.lists['Sprint 42'];
    const folder = w.folders['Product Engineering'];
    const engineering = w.spaces['Engineering'];
    const detail = await call<{ tags: string[]; checklists: { id: string; items: { id: string }[] }[] }>(
      whole,
      'task_get',
      { task_id: login },
    );
    const [checklist] = detail.checklists;
    const comments = await call<{ items: { id: string }[] }>(whole, 'comment_list', { task_id: login });
    const goals = await call<{ items: { id: string; name: string }[] }>(whole, 'goal_list', {});
    const goal = goals.items.find((g) => g.name === 'Reduce Churn')?.id as string;
    const keyResults = await call<{ key_results: { id: string }[] }>(whole, 'goal_get', { goal_id: goal });
    const docs = await call<{ items: { id: string }[] }>(whole, 'doc_search', {
      query: 'API Rate Limiting Guidelines',
    });
    const doc = docs.items[0].id;
    const pages = await call<{ items: { id: string }[] }>(whole, 'doc_page_list', { doc_id: doc });
    const entry = await call<{ id: string }>(whole, 'time_entry_create', {
      task_id: login,
      start: Date.parse('2030-01-02T10:00:00Z'),
      duration_ms: 3_600_000,
    });
    // A timer runs, so starting another stops it first, and timer_stop has one to stop.
    await call(whole, 'timer_start', { task_id: node });
    const chats = await call<{ items: { id: string }[] }>(whole, 'chat_channel_list', {
      name: 'Engineering',
    });
    const chat = chats.items[0].id;
    const chatMessages = await call<{ items: { id: string }[] }>(whole, 'chat_message_list', {
      channel_id: chat,
    });
    const inChat = `channel "Engineering" \\(${chat}\\) on space ${engineering}`;
    const id = '\\S+';
    const onLogin = `task "Refactor Login Component" \\(${login}\\)`;
    const example = (args: Result, summary: string) => ({ args, summary: new RegExp(`^${summary}$`) });
    return {
      task_create: example({ list_id: sprint, name: 'Walk' }, 'Creates task "Walk" in list Sprint 42'),
      task_update: example(
        { task_id: login, status: 'review' },
        `Updates ${onLogin} in list Sprint 42: status`,
      ),
      task_delete: example(
        { task_id: login },
        `Deletes ${onLogin} in list Sprint 42 with no subtasks, \\d+ comments and 1 checklist`,
      ),
      task_set_custom_field: example(
        { task_id: login, field_id: 'Story Points', value: 8 },
        `Sets custom field "Story Points" on ${onLogin} in list Sprint 42`,
      ),
      task_clear_custom_field: example(
        { task_id: login, field_id: 'Story Points' },
        `Clears custom field "Story Points" on ${onLogin} in list Sprint 42`,
      ),
      task_add_dependency: example(
        { task_id: login, depends_on: node },
        `Makes ${onLogin} wait on task "Upgrade Node.js to 20 LTS" \\(${node}\\)`,
      ),
      task_remove_dependency: example(
        { task_id: limiter, depends_on: node },
        `Stops task "Implement rate limiter middleware" \\(${limiter}\\) having to wait on task ` +
          `"Upgrade Node.js to 20 LTS" \\(${node}\\)`,
      ),
      task_add_tag: example({ task_id: login, tag: 'security' }, `Adds tag "security" to ${onLogin}`),
      task_move: example(
        { task_id: login, list_id: w.lists['Bug Backlog'] },
        `Moves ${onLogin} to list "Bug Backlog"`,
      ),
      task_add_to_list: example(
        { task_id: login, list_id: w.lists['Bug Backlog'] },
        `Also shows ${onLogin} in list "Bug Backlog"`,
      ),
      task_remove_from_list: example(
        { task_id: login, list_id: w.lists['Bug Backlog'] },
        `Takes ${onLogin} out of list "Bug Backlog" \\(not in it: changes nothing\\)`,
      ),
      task_link_add: example(
        { task_id: login, links_to: node },
        `Links ${onLogin} to task "Upgrade Node.js to 20 LTS" \\(${node}\\)`,
      ),
      task_link_remove: example(
        { task_id: login, links_to: node },
        `Unlinks ${onLogin} from task "Upgrade Node.js to 20 LTS" \\(${node}\\) \\(not linked: changes nothing\\)`,
      ),
      task_remove_tag: example(
        { task_id: login, tag: detail.tags[0] },
        `Removes tag "${detail.tags[0]}" from ${onLogin}`,
      ),
      list_create: example(
        { folder_id: folder, name: 'Walk list' },
        'Creates list "Walk list" in folder Product Engineering',
      ),
      list_update: example(
        { list_id: sprint, color: 'red' },
        `Updates list "Sprint 42" \\(${sprint}\\) in folder Product Engineering: color`,
      ),
      list_delete: example(
        { list_id: sprint },
        `Deletes list "Sprint 42" \\(${sprint}\\) in folder Product Engineering with \\d+ tasks`,
      ),
      folder_create: example(
        { space_id: engineering, name: 'Walk folder' },
        'Creates folder "Walk folder" in space Engineering',
      ),
      folder_update: example(
        { folder_id: folder, name: 'Platform' },
        `Renames folder "Product Engineering" \\(${folder}\\) in space Engineering to "Platform"`,
      ),
      folder_delete: example(
        { folder_id: folder },
        `Deletes folder "Product Engineering" \\(${folder}\\) in space Engineering with 3 lists and \\d+ tasks`,
      ),
      space_create: example({ name: 'Walk space' }, 'Creates space "Walk space" in the workspace'),
      space_update: example(
        { space_id: engineering, name: 'Eng' },
        `Updates space "Engineering" \\(${engineering}\\): name`,
      ),
      space_delete: example(
        { space_id: engineering },
        `Deletes space "Engineering" \\(${engineering}\\) with 1 folder, 4 lists and \\d+ tasks`,
      ),
      tag_create: example(
        { space_id: engineering, name: 'perf', color: '#e50000' },
        `Creates tag "perf" in space "Engineering" \\(${engineering}\\)`,
      ),
      tag_update: example(
        { space_id: engineering, name: 'bug', new_name: 'defect' },
        `Updates tag "bug" in space "Engineering" \\(${engineering}\\): name`,
      ),
      tag_delete: example(
        { space_id: engineering, name: 'tech-debt' },
        `Deletes tag "tech-debt" from space "Engineering" \\(${engineering}\\) and from every task carrying it`,
      ),
      comment_create: example({ task_id: login, text: 'Looks good' }, `Comments on ${onLogin}: "Looks good"`),
      comment_update: example(
        { task_id: login, comment_id: comments.items[0].id, resolved: true },
        `Edits a comment by .+ on ${onLogin}: resolved`,
      ),
      comment_delete: example(
        { task_id: login, comment_id: comments.items[0].id },
        `Deletes a comment by .+ on ${onLogin}: ".+"`,
      ),
      comment_reply_create: example(
        { task_id: login, comment_id: comments.items[0].id, text: 'Agreed' },
        `Replies to a comment by .+ on ${onLogin}: "Agreed"`,
      ),
      checklist_create: example(
        { task_id: login, name: 'Release', items: ['Tag', 'Notes'] },
        `Adds checklist "Release" with 2 items to ${onLogin}`,
      ),
      checklist_item_create: example(
        { task_id: login, checklist_id: checklist.id, name: 'Docs' },
        `Adds item "Docs" to checklist "Definition of done" on ${onLogin}`,
      ),
      checklist_item_update: example(
        { task_id: login, checklist_id: checklist.id, item_id: checklist.items[1].id, resolved: true },
        `Updates item "Storybook stories added" of checklist "Definition of done" on ${onLogin}: resolved`,
      ),
      checklist_update: example(
        { task_id: login, checklist_id: checklist.id, name: 'Done means done' },
        `Updates checklist "Definition of done" on ${onLogin}: name`,
      ),
      checklist_delete: example(
        { task_id: login, checklist_id: checklist.id },
        `Deletes checklist "Definition of done" with 3 items \\(1 resolved\\) from ${onLogin}`,
      ),
      goal_create: example(
        { name: 'Walk goal', due_date: '2030-06-30T00:00:00Z' },
        'Creates goal "Walk goal" due 2030-06-30T00:00:00.000Z',
      ),
      goal_update: example(
        { goal_id: goal, description: 'Sharper' },
        `Updates goal "Reduce Churn" \\(${goal}\\): description`,
      ),
      goal_delete: example({ goal_id: goal }, `Deletes goal "Reduce Churn" \\(${goal}\\) with 2 key results`),
      key_result_create: example(
        { goal_id: goal, name: 'Walk KR', task_ids: [login] },
        `Adds key result "Walk KR" to goal "Reduce Churn" \\(${goal}\\)`,
      ),
      key_result_update: example(
        { goal_id: goal, key_result_id: keyResults.key_results[0].id, current: 7 },
        `Sets key result ".+" of goal "Reduce Churn" \\(${goal}\\) from \\d+ of \\d+.* to 7 of \\d+.*`,
      ),
      key_result_delete: example(
        { goal_id: goal, key_result_id: keyResults.key_results[0].id },
        `Deletes key result ".+" \\(${id}, at .+\\) of goal "Reduce Churn" \\(${goal}\\)`,
      ),
      time_entry_create: example(
        { task_id: login, start: Date.parse('2030-01-03T10:00:00Z'), duration_ms: 5_400_000 },
        `Logs 1h 30m on ${onLogin} from 2030-01-03T10:00:00.000Z`,
      ),
      time_entry_update: example(
        { time_entry_id: entry.id, description: 'Review' },
        `Updates the time entry ${entry.id} of 1h by .+ on ${onLogin}: description`,
      ),
      time_entry_delete: example(
        { time_entry_id: entry.id },
        `Deletes the time entry ${entry.id} of 1h by .+ on ${onLogin}, started 2030-01-02T10:00:00.000Z`,
      ),
      timer_start: example(
        { task_id: login },
        `Starts a timer on ${onLogin}, stopping the timer running on task "Upgrade Node.js to 20 LTS" ` +
          `\\(${node}\\) for [\\dhms ]+ first`,
      ),
      timer_stop: example(
        {},
        `Stops the timer by .+ on task "Upgrade Node.js to 20 LTS" \\(${node}\\), running for [\\dhms ]+`,
      ),
      doc_create: example(
        { name: 'Walk doc', space_id: engineering },
        'Creates doc "Walk doc" in space Engineering',
      ),
      doc_page_create: example(
        { doc_id: doc, name: 'Walk page', parent_page_id: pages.items[0].id },
        `Adds page "Walk page" to doc "API Rate Limiting Guidelines" \\(${doc}\\) under page ".+"`,
      ),
      doc_page_update: example(
        { doc_id: doc, page_id: pages.items[0].id, content: 'One more rule.', mode: 'append' },
        `Edits page ".+" \\(${id}\\) of doc "API Rate Limiting Guidelines" \\(${doc}\\): content \\(append\\)`,
      ),
      chat_message_send: example(
        { channel_id: chat, text: 'Sprint **done**' },
        `Posts in ${inChat}: "Sprint \\*\\*done\\*\\*"`,
      ),
      chat_reply_send: example(
        { channel_id: chat, message_id: chatMessages.items[0].id, text: 'Thanks' },
        `Replies to a message by .+ in ${inChat}: "Thanks"`,
      ),
      chat_reaction_add: example(
        { channel_id: chat, message_id: chatMessages.items[0].id, emoji: 'tada' },
        `Reacts :tada: to a message by .+ in ${inChat}: ".+"`,
      ),
      attachment_upload: example(
        { task_id: login, file_name: 'notes.md', content: '# Notes' },
        `Attaches "notes.md" \\(7 B, text/markdown\\) to ${onLogin}`,
      ),
      // The seeded templates: task template "Bug report", list template "Sprint".
      task_create_from_template: example(
        { list_id: sprint, template_id: 't-15363301', name: 'Walk bug' },
        'Creates task "Walk bug" from template t-15363301 in list Sprint 42',
      ),
      list_create_from_template: example(
        { folder_id: folder, template_id: 't-15363293', name: 'Walk sprint' },
        'Creates list "Walk sprint" from template t-15363293 in folder Product Engineering',
      ),
    };
  }

  /** The ClickUp requests of `run` on a fresh server scope (spaces known, no list remembered), and its answer. */
  async function costOn<T>(spaceIds: string[], run: (ctx: ToolContext) => Promise<T>) {
    const ctx = { client, scope: await freshScope(spaceIds), selection };
    await takeRequests();
    const answer = await run(ctx);
    return { answer, requests: await takeRequests() };
  }

  /** Whether a preview is one an approver can be shown: the documented shape, plain data, one-line summary. */
  function expectWellFormed(tool: string, method: string, result: EffectPreview): void {
    expect({ tool, kind: result.kind }).toEqual({ tool, kind: KIND_OF_METHOD[method] });
    expect(result.summary).toMatch(/^\S.{0,398}\S$/);
    expect(result.summary).not.toMatch(/[\n<>]/);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    for (const place of [result.target, result.location]) {
      if (place) expect(place).toMatchObject({ type: expect.any(String), id: expect.any(String) });
    }
    for (const change of result.changes ?? []) expect(change).toMatchObject({ field: expect.any(String) });
    for (const n of Object.values(result.counts ?? {})) expect(Number.isInteger(n) && n >= 0).toBe(true);
    if (result.tasks_touched !== undefined && result.tasks_touched !== null) {
      expect(Number.isInteger(result.tasks_touched) && result.tasks_touched >= 0).toBe(true);
    }
  }

  it('previews every write tool of the catalog from ClickUp, in a few reads and no write', async () => {
    const examples = await writeToolExamples();
    const writeTools = [...catalog.tools.values()].filter((t) => !t.annotations.readOnlyHint);
    expect(writeTools.map((t) => t.name).filter((name) => !(name in examples))).toEqual([]);
    const table: string[] = ['tool | guard | preview | reader | pinned guard | pinned preview'];
    for (const tool of writeTools) {
      const { args, summary } = examples[tool.name];
      const guard = await costOn([], (ctx) =>
        catalog.authorizer(selection, ctx.scope)(tool.name, args, client),
      );
      const seen = await costOn([], (ctx) => catalog.preview(tool.name, args, ctx));
      expect({ tool: tool.name, guard: guard.answer }).toEqual({ tool: tool.name, guard: null });
      const result = shown(seen.answer);
      expectWellFormed(tool.name, tool.method, result);
      expect({ tool: tool.name, unavailable: result.unavailable }).toEqual({ tool: tool.name });
      expect({ tool: tool.name, summary: result.summary }).toEqual({
        tool: tool.name,
        summary: expect.stringMatching(summary),
      });
      expect({ tool: tool.name, writes: seen.requests.filter((r) => !r.startsWith('GET ')) }).toEqual({
        tool: tool.name,
        writes: [],
      });
      const reader = seen.requests.length - guard.requests.length;
      expect({ tool: tool.name, reader: reader <= 5 }).toEqual({ tool: tool.name, reader: true });

      const engineering = [w.spaces['Engineering']];
      const pinnedGuard = await costOn(engineering, (ctx) =>
        catalog.authorizer(selection, ctx.scope)(tool.name, args, client),
      );
      const pinnedSeen =
        pinnedGuard.answer === null
          ? await costOn(engineering, (ctx) => catalog.preview(tool.name, args, ctx))
          : null;
      if (pinnedSeen)
        expect({ tool: tool.name, ok: pinnedSeen.answer.ok }).toEqual({ tool: tool.name, ok: true });
      table.push(
        [
          tool.name,
          guard.requests.length,
          seen.requests.length,
          `+${reader}`,
          pinnedSeen ? pinnedGuard.requests.length : 'refused',
          pinnedSeen ? pinnedSeen.requests.length : 'refused',
        ].join(' | '),
      );
    }
    console.log(`ClickUp requests per preview (guard's reads included):\n${table.join('\n')}`);
  });
});
