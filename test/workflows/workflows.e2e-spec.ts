import {
  connectClient,
  connectSandbox,
  createServer,
  sandboxIds,
  type ProvisionedServer,
} from '../support/mcp';
import { Stack } from '../support/stack';
import { Agent } from './agent';
import { documentedBudgets } from './budgets';
import {
  allTeamTasks,
  sandboxApi,
  timeEntry,
  type RawTask,
  type RawTimeEntry,
  type SandboxGet,
} from './sandbox-api';

// What the tools answer, as far as the agent reads it.
interface Found {
  items: { kind: string; id: string | number; name: string; space_id: string | null }[];
}
interface TaskItem {
  id: string;
  name: string;
  status: string | null;
  priority_name: string | null;
  list_id: string | null;
  assignee_ids: number[];
  parent_id: string | null;
  description?: string | null;
}
interface TaskPage {
  items: TaskItem[];
  next_cursor: string | null;
}
interface Members {
  items: { id: number; username: string | null }[];
}
interface Goal {
  id: string;
  name: string;
  key_results: { name: string; current: number | null; target: number | null; percent: number | null }[];
}
interface Entry {
  id: string;
  task_id: string | null;
  running: boolean;
  description: string | null;
  billable: boolean | null;
  elapsed_ms?: number;
  duration_ms?: number;
  start_ms?: number | null;
  end_ms?: number | null;
}
interface Docs {
  items: { id: string; name: string }[];
}
interface DocPages {
  items: { id: string; name: string; depth: number }[];
}
interface Comments {
  items: { id: string; text: string; replies: number }[];
}
interface Channels {
  items: { id: string; name: string; type: string; location: string | null }[];
}
interface TimesInStatus {
  tasks: {
    task_id: string;
    current: { status: string; time_ms: number } | null;
    history: { status: string; time_ms: number; time: string }[];
  }[];
}
interface DocPage {
  id: string;
  name: string;
  content: string;
  content_truncated: boolean;
}

const HOUR = 3_600_000;
const names = (tasks: { name: string }[]) => tasks.map((t) => t.name).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every number anywhere in a value, so a test can say none is negative. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

// The model's reading of a bug report: words that point at the browser side of the app.
const FRONTEND_WORDS = /\b(css|button|react|z-index|modal|dropdown|safari|browser)\b/i;
// The right answer, written down independently of the classifier above.
const FRONTEND_BUGS = [
  'Checkout button misaligned on mobile Safari',
  'Dashboard page crashes when the filter is empty',
  'Dropdown menu renders behind the modal',
  'Login page shows a blank screen after SSO redirect',
];
const BACKEND_BUGS = [
  'POST /api/orders returns 500 for large carts',
  'Database connection pool exhausted under load',
  'Email notification queue stuck',
  'Slow query on the reports endpoint',
];

// Workflow 8's blocked bugs, workflow 9's release features, as seeded.
const BLOCKED_BUGS = [
  'CSV export times out for large workspaces',
  'Push notifications missing on Android 14',
];
const RELEASE_FEATURES = [
  'Implement rate limiter middleware',
  'Refactor Login Component',
  'Upgrade Node.js to 20 LTS',
];

describe('the seed’s agent workflows, through a provisioned /mcp/{token} URL', () => {
  const stack = new Stack('embedded', { sandbox: true, worker: false });
  const budgets = documentedBudgets();
  let server: ProvisionedServer;
  let ids: Awaited<ReturnType<typeof sandboxIds>>;
  let sandbox: SandboxGet;
  let people: Map<string, number>;

  beforeAll(async () => {
    await stack.start();
    // Ten conversations in well under a minute, and the test's own reads of the truth, take more ClickUp requests
    // than a token's default 100 a minute: an Enterprise plan's limit (10,000); rate limits are test/retry's subject.
    await fetch(`${stack.sandboxUrl}/_sandbox/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ per_minute: 10_000 }),
    });
    sandbox = sandboxApi(stack);
    ids = await sandboxIds(stack);
    server = await createServer(stack, await connectSandbox(stack), { workspace_id: ids.acme });
    const teams = await sandbox<{
      teams: { id: string; members: { user: { id: number; username: string } }[] }[];
    }>('/v2/team');
    const acme = teams.teams.find((t) => t.id === ids.acme);
    people = new Map(acme?.members.map((m) => [m.user.username.split(' ')[0], m.user.id]));
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  /** One conversation: a new MCP session that lists the tools, then the workflow's calls, then the budget. */
  async function run(n: number, workflow: (agent: Agent) => Promise<void>): Promise<void> {
    const budget = budgets.get(n);
    if (!budget) throw new Error(`docs/workflows.md has no row for workflow ${n}`);
    const client = await connectClient(server.url);
    // Listed first, so the SDK client checks every result against the tool's outputSchema.
    await client.listTools();
    const agent = new Agent(client);
    try {
      await workflow(agent);
    } finally {
      await agent.close();
    }
    console.log(`workflow ${n} (${budget.workflow}): ${agent.calls} tool calls: ${agent.tools.join(', ')}`);
    expect(agent.calls).toBeLessThanOrEqual(budget.calls);
    expect(agent.tools).toEqual(budget.tools);
  }

  it('1. "Find my open tasks in the Engineering space"', () =>
    run(1, async (agent) => {
      const found = await agent.call<Found>('workspace_find', { query: 'Engineering', kinds: ['space'] });
      expect(found.items[0]).toMatchObject({ kind: 'space', name: 'Engineering' });
      const mine = await agent.call<TaskPage>('task_search', {
        space_ids: [found.items[0].id],
        assignees: ['me'],
      });
      expect(mine.next_cursor).toBeNull();

      const me = (await sandbox<{ user: { id: number } }>('/v2/user')).user.id;
      const truth = (await allTeamTasks(sandbox, ids.acme)).filter(
        (t) => t.space.id === ids.engineering && t.assignees.some((a) => a.id === me),
      );
      expect(truth.length).toBeGreaterThan(0);
      expect(names(mine.items)).toEqual(names(truth));
      expect(mine.items.every((t) => t.status !== 'complete')).toBe(true);
    }));

  it('2. sprint triage: unassigned Incoming Bugs, frontend to Sarah, backend to David, then a summary', () =>
    run(2, async (agent) => {
      const found = await agent.call<Found>('workspace_find', { query: 'Incoming Bugs', kinds: ['list'] });
      const list = found.items[0];
      expect(list).toMatchObject({ kind: 'list', name: 'Incoming Bugs' });
      const members = await agent.call<Members>('member_list');
      const member = (first: string) => members.items.find((m) => m.username?.startsWith(first))?.id;
      const [sarah, david] = [member('Sarah'), member('David')];
      const bugs = await agent.call<TaskPage>('task_list_in_list', {
        list_id: list.id,
        unassigned: true,
        include_description: true,
      });
      expect(bugs.next_cursor).toBeNull();
      expect(names(bugs.items)).toEqual([...FRONTEND_BUGS, ...BACKEND_BUGS].sort());

      const triaged = await Promise.all(
        bugs.items.map(async (bug) => {
          const frontend = FRONTEND_WORDS.test(bug.description ?? '');
          const assignee = frontend ? sarah : david;
          const updated = await agent.call<TaskItem>('task_update', {
            task_id: bug.id,
            assignees: [assignee],
          });
          expect(updated.assignee_ids).toEqual([assignee]);
          return { name: bug.name, to: frontend ? 'Sarah' : 'David' };
        }),
      );
      const summary = ['Sarah', 'David']
        .map(
          (who) =>
            `${who}: ${triaged
              .filter((t) => t.to === who)
              .map((t) => t.name)
              .join('; ')}`,
        )
        .join('\n');
      console.log(`triage summary\n${summary}`);

      expect([sarah, david]).toEqual([people.get('Sarah'), people.get('David')]);
      // The list holds other bugs too (assigned ones, such as workflow 8's blocked bugs): check the triaged eight.
      const after = await sandbox<{ tasks: RawTask[] }>(`/v2/list/${list.id}/task`);
      const triagedBugs = after.tasks.filter((t) => triaged.some((x) => x.name === t.name));
      expect(names(triagedBugs)).toEqual([...FRONTEND_BUGS, ...BACKEND_BUGS].sort());
      for (const task of triagedBugs) {
        const expected = FRONTEND_BUGS.includes(task.name) ? people.get('Sarah') : people.get('David');
        expect({ task: task.name, assignees: task.assignees.map((a) => a.id) }).toEqual({
          task: task.name,
          assignees: [expected],
        });
      }
    }));

  it('3. OKR check: Reduce Churn’s key results and the blocked high-priority tasks of Customer Success Q3', () =>
    run(3, async (agent) => {
      const goal = await agent.call<Goal>('goal_get', { name: 'Reduce Churn' });
      const found = await agent.call<Found>('workspace_find', {
        query: 'Customer Success Q3',
        kinds: ['list'],
      });
      expect(found.items[0]).toMatchObject({ kind: 'list', name: 'Customer Success Q3' });
      const risks = await agent.call<TaskPage>('task_list_in_list', {
        list_id: found.items[0].id,
        statuses: ['blocked'],
        priorities: ['urgent', 'high'],
      });
      const report = [
        `Goal ${goal.name}:`,
        ...goal.key_results.map((kr) => `- ${kr.name}: ${kr.current}/${kr.target} (${kr.percent}%)`),
        'Blocked high-priority tasks:',
        ...risks.items.map((t) => `- [${t.priority_name}] ${t.name}`),
      ].join('\n');
      console.log(report);

      const truthGoal = await sandbox<{
        goal: { key_results: { name: string; steps_current: number; steps_end: number }[] };
      }>(`/v2/goal/${goal.id}`);
      expect(goal.key_results.map((kr) => [kr.name, kr.current, kr.target])).toEqual(
        truthGoal.goal.key_results.map((kr) => [kr.name, Number(kr.steps_current), Number(kr.steps_end)]),
      );
      expect(goal.key_results.length).toBeGreaterThan(0);
      const truthTasks = await sandbox<{ tasks: RawTask[] }>(`/v2/list/${found.items[0].id}/task`);
      const blocked = truthTasks.tasks.filter(
        (t) => t.status.status === 'blocked' && ['1', '2'].includes(t.priority?.id ?? ''),
      );
      expect(blocked.length).toBeGreaterThan(0);
      expect(names(risks.items)).toEqual(names(blocked));
    }));

  it('4. logs 2 billable hours with a description on Refactor Login Component', () =>
    run(4, async (agent) => {
      const found = await agent.call<TaskPage>('task_search', { name_contains: 'Refactor Login Component' });
      expect(found.items).toHaveLength(1);
      const task = found.items[0];
      const description = 'Updated OAuth flows and tested edge cases';
      const start = new Date(Date.now() - 2 * HOUR).toISOString();
      const entry = await agent.call<Entry>('time_entry_create', {
        task_id: task.id,
        start,
        duration_ms: 2 * HOUR,
        billable: true,
        description,
      });
      expect(entry).toMatchObject({
        running: false,
        task_id: task.id,
        duration_ms: 2 * HOUR,
        billable: true,
      });

      const truth = await timeEntry(sandbox, ids.acme, entry.id);
      expect(truth).toMatchObject({ billable: true, description, task: { id: task.id } });
      expect(Number(truth.duration)).toBe(2 * HOUR);
      expect(Number(truth.start)).toBe(Date.parse(start));
    }));

  it('5. finds the API Rate Limiting Guidelines doc and reads its page as markdown', () =>
    run(5, async (agent) => {
      const docs = await agent.call<Docs>('doc_search', { query: 'API Rate Limiting Guidelines' });
      const doc = docs.items.find((d) => d.name === 'API Rate Limiting Guidelines');
      if (!doc) throw new Error(`doc_search did not find the doc: ${JSON.stringify(docs.items)}`);
      const pages = await agent.call<DocPages>('doc_page_list', { doc_id: doc.id });
      const first = pages.items[0];
      expect(first.depth).toBe(0);
      const page = await agent.call<DocPage>('doc_page_get', { doc_id: doc.id, page_id: first.id });
      expect(page.content).toMatch(/^# API Rate Limiting Guidelines/);
      expect(page.content).toContain('**per token**');
      expect(page.content_truncated).toBe(false);

      const truth = await sandbox<{ content: string }>(
        `/v3/workspaces/${ids.acme}/docs/${doc.id}/pages/${first.id}?content_format=text/md`,
      );
      expect(page.content).toBe(truth.content);
    }));

  it('6. starts a timer, reads it running (never a negative duration), stops it', () =>
    run(6, async (agent) => {
      const found = await agent.call<TaskPage>('task_search', {
        name_contains: 'Implement rate limiter middleware',
      });
      const task = found.items[0];
      const started = await agent.call<Entry>('timer_start', { task_id: task.id });
      expect(started).toMatchObject({ running: true, task_id: task.id });
      // ClickUp itself marks the running timer with a negative duration; the agent never sees one.
      const raw = await sandbox<{ data: RawTimeEntry }>(`/v2/team/${ids.acme}/time_entries/current`);
      expect(Number(raw.data.duration)).toBeLessThan(0);
      await sleep(25);

      const current = await agent.call<Entry>('time_entry_current');
      expect(current).toMatchObject({ running: true, id: started.id, task_id: task.id });
      expect(current.elapsed_ms).toBeGreaterThanOrEqual(0);
      expect(current).not.toHaveProperty('duration_ms');
      expect(Math.min(...numbersIn(current), ...numbersIn(started))).toBeGreaterThanOrEqual(0);

      const stopped = await agent.call<Entry>('timer_stop');
      expect(stopped).toMatchObject({ running: false, id: started.id, task_id: task.id });
      expect(stopped.duration_ms).toBeGreaterThan(0);

      const truth = await timeEntry(sandbox, ids.acme, started.id);
      expect(truth.task?.id).toBe(task.id);
      expect(truth.end).toBeDefined();
      expect(Number(truth.duration)).toBeGreaterThan(0);
      expect(Number(truth.duration)).toBe(stopped.duration_ms);
    }));

  it('7. adds a subtask, sets its Component drop-down by option name, makes it wait on another task', () =>
    run(7, async (agent) => {
      const [parent] = (
        await agent.call<TaskPage>('task_search', { name_contains: 'Refactor Login Component' })
      ).items;
      const [blocker] = (
        await agent.call<TaskPage>('task_search', { name_contains: 'Upgrade Node.js to 20' })
      ).items;
      const subtask = await agent.call<TaskItem>('task_create', {
        list_id: parent.list_id,
        parent: parent.id,
        name: 'Write tests for useLoginValidation',
      });
      expect(subtask.parent_id).toBe(parent.id);
      const set = await agent.call<{ field_name: string; value: unknown }>('task_set_custom_field', {
        task_id: subtask.id,
        field_id: 'Component',
        value: 'Frontend',
      });
      expect(set).toMatchObject({ field_name: 'Component', value: 'Frontend' });
      const dependency = await agent.call<{ changed?: boolean }>('task_add_dependency', {
        task_id: subtask.id,
        depends_on: blocker.id,
      });
      expect(dependency.changed).toBe(true);

      const truth = await sandbox<RawTask>(`/v2/task/${subtask.id}`);
      expect(truth.parent).toBe(parent.id);
      expect(truth.list.id).toBe(parent.list_id);
      const component = truth.custom_fields.find((f) => f.name === 'Component');
      const frontend = component?.type_config.options?.find((o) => o.name === 'Frontend');
      expect(frontend).toBeDefined();
      expect(component?.value).toBe(frontend?.orderindex);
      expect(truth.dependencies).toContainEqual(
        expect.objectContaining({ task_id: subtask.id, depends_on: blocker.id }),
      );
    }));

  it('8. moves the blocked bugs of Incoming Bugs to Bug Backlog, replies in their threads, posts a summary in chat', () =>
    run(8, async (agent) => {
      // "bug" matches both lists: one call for the two ids.
      const found = await agent.call<Found>('workspace_find', { query: 'bug', kinds: ['list'] });
      const listNamed = (name: string) => {
        const list = found.items.find((i) => i.name === name);
        if (!list) throw new Error(`workspace_find did not find ${name}: ${JSON.stringify(found.items)}`);
        return String(list.id);
      };
      const [incoming, backlog] = [listNamed('Incoming Bugs'), listNamed('Bug Backlog')];
      const blocked = await agent.call<TaskPage>('task_list_in_list', {
        list_id: incoming,
        statuses: ['blocked'],
      });
      expect(blocked.next_cursor).toBeNull();
      expect(names(blocked.items)).toEqual(BLOCKED_BUGS);

      const reply = 'Moved to Bug Backlog while it is blocked; we pick it up once unblocked.';
      const threads = await Promise.all(
        blocked.items.map(async (bug) => {
          const moved = await agent.call<{ status: string | null }>('task_move', {
            task_id: bug.id,
            list_id: backlog,
          });
          expect(moved.status).toBe('blocked');
          const comments = await agent.call<Comments>('comment_list', { task_id: bug.id });
          const [thread] = comments.items;
          await agent.call<{ id: string | null }>('comment_reply_create', {
            comment_id: thread.id,
            task_id: bug.id,
            text: reply,
          });
          return { bug, comment: thread.id };
        }),
      );
      const channels = await agent.call<Channels>('chat_channel_list', { name: 'Engineering' });
      const channel = channels.items.find((c) => c.name === 'Engineering');
      if (!channel) throw new Error(`no Engineering channel: ${JSON.stringify(channels.items)}`);
      const summary = [
        `Moved ${blocked.items.length} blocked bugs from Incoming Bugs to Bug Backlog:`,
        ...blocked.items.map((b) => `- ${b.name}`),
      ].join('\n');
      const sent = await agent.call<{ id: string }>('chat_message_send', {
        channel_id: channel.id,
        text: summary,
      });

      for (const { bug, comment } of threads) {
        const truth = await sandbox<RawTask>(`/v2/task/${bug.id}`);
        expect({ task: truth.name, list: truth.list.id, status: truth.status.status }).toEqual({
          task: bug.name,
          list: backlog,
          status: 'blocked',
        });
        const replies = await sandbox<{ comments: { comment_text: string }[] }>(
          `/v2/comment/${comment}/reply`,
        );
        expect(replies.comments.map((c) => c.comment_text)).toContain(reply);
      }
      const left = await sandbox<{ tasks: RawTask[] }>(`/v2/list/${incoming}/task?statuses[]=blocked`);
      expect(left.tasks).toEqual([]);
      const posted = await sandbox<{ data: { id: string; content: string }[] }>(
        `/v3/workspaces/${ids.acme}/chat/channels/${channel.id}/messages?content_format=text/md`,
      );
      expect(posted.data[0]).toMatchObject({ id: sent.id, content: summary });
    }));

  it('9. attaches the release notes to the release task and links it to its three feature tasks', () =>
    run(9, async (agent) => {
      const found = await agent.call<TaskPage>('task_search', {
        name_contains: 'Release 4.2',
        include_description: true,
      });
      expect(found.items).toHaveLength(1);
      const release = found.items[0];
      // The model reads the feature tasks' custom ids out of the description and uses them as they are.
      const features = release.description?.match(/\b[A-Z]+-\d+\b/g) ?? [];
      expect(features).toHaveLength(3);
      const notes = [
        '# Release 4.2',
        '',
        ...features.map((id) => `- ${id}`),
        '',
        'Upgrade notes: Node.js 20 is required.',
      ].join('\n');
      const uploaded = await agent.call<{ id: string; size: number }>('attachment_upload', {
        task_id: release.id,
        file_name: 'release-notes-4.2.md',
        content: notes,
      });
      expect(uploaded.size).toBe(Buffer.byteLength(notes));
      for (const feature of features) {
        const linked = await agent.call<{ changed: boolean }>('task_link_add', {
          task_id: release.id,
          links_to: feature,
        });
        expect(linked.changed).toBe(true);
      }

      const truth = await sandbox<RawTask>(`/v2/task/${release.id}`);
      expect(truth.attachments?.map((a) => [a.title, a.size])).toEqual([
        ['release-notes-4.2.md', Buffer.byteLength(notes)],
      ]);
      const featureTasks = await Promise.all(
        features.map((id) => sandbox<RawTask>(`/v2/task/${id}?custom_task_ids=true&team_id=${ids.acme}`)),
      );
      expect(names(featureTasks)).toEqual(RELEASE_FEATURES);
      expect(truth.linked_tasks.map((l) => l.task_id).sort()).toEqual(featureTasks.map((t) => t.id).sort());
    }));

  it('10. how long the open bugs of Sprint 42 sat in review', () =>
    run(10, async (agent) => {
      const found = await agent.call<Found>('workspace_find', { query: 'Sprint 42', kinds: ['list'] });
      expect(found.items[0]).toMatchObject({ kind: 'list', name: 'Sprint 42' });
      const bugs = await agent.call<TaskPage>('task_list_in_list', {
        list_id: found.items[0].id,
        tags: ['bug'],
      });
      expect(bugs.next_cursor).toBeNull();
      const times = await agent.call<TimesInStatus>('task_time_in_status', {
        task_ids: bugs.items.map((b) => b.id),
      });
      // A status's history entry adds up every stay in it, the current one included.
      const inReview = (taskId: string) =>
        times.tasks.find((t) => t.task_id === taskId)?.history.find((h) => h.status === 'review')?.time_ms ??
        0;
      const answer = Object.fromEntries(bugs.items.map((b) => [b.name, inReview(b.id)]));
      console.log(
        Object.entries(answer)
          .map(([name, ms]) => `${name}: ${ms / HOUR} h in review`)
          .join('\n'),
      );

      // The seeded history, written down on its own: 30 h and then 6 h in review, and 4 h; the closed bug is no
      // open bug.
      expect(answer).toEqual({
        'Avatar upload fails for PNG files over 2 MB': 36 * HOUR,
        'Search results skip the first page': 4 * HOUR,
      });
      const truth = await sandbox<
        Record<string, { status_history: { status: string; total_time: { by_minute: number } }[] }>
      >(`/v2/task/bulk_time_in_status/task_ids?${bugs.items.map((b) => `task_ids=${b.id}`).join('&')}`);
      for (const bug of bugs.items) {
        const review = truth[bug.id].status_history.find((h) => h.status === 'review');
        expect((review?.total_time.by_minute ?? 0) * 60_000).toBe(answer[bug.name]);
      }
    }));
});
