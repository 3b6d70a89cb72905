import { GoalsTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

interface KeyResult {
  id: string;
  name: string;
  current: number;
  target: number;
  percent: number;
  task_ids: string[];
  list_ids: string[];
  last_update: {
    date_ms: number | null;
    date_iso: string | null;
    user_id: number | null;
    from: number | null;
    to: number | null;
    note: string | null;
  } | null;
}
interface Goal {
  id: string;
  name: string;
  percent_completed: number;
  due_date_ms: number;
  due_date_iso: string;
  owner_ids: number[];
  description: string;
  key_results: KeyResult[];
  key_result_count?: number;
}
interface SandboxGoal {
  name: string;
  description: string;
  due_date: string;
  color: string;
  owners: { id: number }[];
  key_results: { id: string; name: string; steps_current: number; task_ids: string[] }[];
}

describe('goals tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let pinnedAllowed: ToolHost;
  let acme: string;
  let sarahId: number;
  const tasks: Record<string, string> = {};
  let sprintList: string;
  let globexTask: string;

  async function api<T>(path: string, token = 'pk_sandbox_owner'): Promise<{ status: number; body: T }> {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, { headers: { authorization: token } });
    return { status: res.status, body: (await res.json()) as T };
  }
  const sandboxGoal = async (id: string) => api<{ goal: SandboxGoal }>(`/goal/${id}`);
  const goalByName = async (name: string) => {
    const envelope = await host.call<{ items: Goal[] }>('goal_list', { name });
    return must(must(envelope.result).items[0]);
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    const { teams } = (
      await api<{
        teams: { id: string; name: string; members: { user: { id: number; username: string } }[] }[];
      }>('/team')
    ).body;
    const team = must(teams.find((t) => t.name === 'Acme Corp'));
    acme = team.id;
    sarahId = must(team.members.find((m) => m.user.username.startsWith('Sarah'))).user.id;
    const { spaces } = (await api<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`)).body;
    const engineering = must(spaces.find((s) => s.name === 'Engineering')).id;
    const all = (
      await api<{ tasks: { id: string; name: string; list: { id: string } }[] }>(`/team/${acme}/task`)
    ).body.tasks;
    for (const t of all) tasks[t.name] = t.id;
    sprintList = must(all.find((t) => t.name === 'Refactor Login Component')).list.id;
    const globex = (await api<{ teams: { id: string }[] }>('/team', 'pk_sandbox_guest')).body.teams[0].id;
    globexTask = (await api<{ tasks: { id: string }[] }>(`/team/${globex}/task`, 'pk_sandbox_guest')).body
      .tasks[0].id;
    const catalog = new ToolCatalog([new GoalsTools()]);
    host = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: acme });
    pinned = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: acme,
      spaceIds: [engineering],
    });
    pinnedAllowed = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: acme,
      spaceIds: [engineering],
      allowWorkspaceObjects: true,
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await pinned?.close();
    await pinnedAllowed?.close();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });

  describe('goal_list and goal_get', () => {
    it('lists the workspace goals with progress', async () => {
      const envelope = await host.call<{ items: Goal[] }>('goal_list');
      expect(envelope.ok).toBe(true);
      const items = must(envelope.result).items;
      expect(items.map((g) => g.name).sort()).toEqual(['Q4 Revenue Target', 'Reduce Churn']);
      expect(items.find((g) => g.name === 'Reduce Churn')).toMatchObject({
        percent_completed: 53,
        key_result_count: 2,
      });
    });

    it('finds "Reduce Churn" by name in one call, ignoring case and accents', async () => {
      for (const name of ['Reduce Churn', 'réduce CHURN', 'churn']) {
        const envelope = await host.call<{ items: Goal[] }>('goal_list', { name });
        expect(must(envelope.result).items.map((g) => g.name)).toEqual(['Reduce Churn']);
      }
      const none = await host.call<{ items: Goal[] }>('goal_list', { name: 'Nothing like it' });
      expect(must(none.result).items).toEqual([]);
    });

    it('gets a goal with its key results as current/target/percent, by id or by name', async () => {
      const { id } = await goalByName('Reduce Churn');
      const byId = await host.call<Goal>('goal_get', { goal_id: id });
      expect(byId.result).toMatchObject({ id, name: 'Reduce Churn', percent_completed: 53 });
      expect(must(byId.result).key_results).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'Complete churn interviews',
            current: 12,
            target: 20,
            percent: 60,
          }),
          expect.objectContaining({
            name: 'Accounts with a success plan',
            current: 45,
            target: 100,
            percent: 45,
          }),
        ]),
      );
      const byName = await host.call<Goal>('goal_get', { name: 'reduce churn' });
      expect(byName.result).toEqual(byId.result);
    });

    it('goal tools are neither listed nor callable on a server pinned to a space, and change nothing there', async () => {
      const listed = await pinned.listTools();
      expect(listed).toEqual([]);
      const { id } = await goalByName('Q4 Revenue Target');
      for (const [tool, args] of [
        ['goal_list', {}],
        ['goal_get', { goal_id: id }],
        ['goal_update', { goal_id: id, name: 'Renamed by a pinned agent' }],
        ['goal_delete', { goal_id: id }],
        ['goal_create', { name: 'Planted', due_date: Date.UTC(2031, 0, 1) }],
      ] as const) {
        expect(await pinned.call(tool, args)).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      }
      const stored = await sandboxGoal(id);
      expect(stored.status).toBe(200);
      expect(stored.body.goal.name).toBe('Q4 Revenue Target');
      const all = await host.call<{ items: Goal[] }>('goal_list', { include_completed: true });
      expect(must(all.result).items.map((g) => g.name)).not.toContain('Planted');
    });

    it('goal tools work on a pinned server whose admin allowed workspace-level objects', async () => {
      expect((await pinnedAllowed.listTools()).map((t) => t.name)).toContain('goal_get');
      const list = await pinnedAllowed.call<{ items: Goal[] }>('goal_list', { name: 'Q4' });
      const id = must(must(list.result).items[0]).id;
      const goal = await pinnedAllowed.call<Goal>('goal_get', { goal_id: id });
      expect(goal.result).toMatchObject({ name: 'Q4 Revenue Target' });
    });

    it('reports unknown goals and bad arguments', async () => {
      const unknown = await host.call('goal_get', { goal_id: '00000000-0000-0000-0000-000000000000' });
      expect(unknown.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0].code);
      const noName = await host.call('goal_get', { name: 'Grow Churn' });
      expect(noName).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const neither = await host.call('goal_get', {});
      expect(neither).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'goal_id' }] });
      const both = await host.call('goal_get', { goal_id: 'x', name: 'Reduce Churn' });
      expect(both).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'goal_id' }] });
    });
  });

  describe('goal_create, goal_update, goal_delete', () => {
    it('creates a goal with an ISO due date and owners', async () => {
      const envelope = await host.call<Goal>('goal_create', {
        name: 'Ship Self-Serve Onboarding',
        due_date: '2027-03-31T00:00:00Z',
        description: 'Half of new accounts onboard without a call.',
        owners: [sarahId],
        color: '#1090e0',
      });
      expect(envelope.result).toMatchObject({
        name: 'Ship Self-Serve Onboarding',
        due_date_iso: '2027-03-31T00:00:00.000Z',
        owner_ids: [sarahId],
        key_result_count: 0,
      });
      const stored = await sandboxGoal(must(envelope.result).id);
      expect(stored.body.goal).toMatchObject({
        name: 'Ship Self-Serve Onboarding',
        description: 'Half of new accounts onboard without a call.',
        due_date: String(Date.parse('2027-03-31T00:00:00Z')),
        color: '#1090e0',
        owners: [{ id: sarahId }],
      });
    });

    it('validates goal fields', async () => {
      const badColor = await host.call('goal_create', {
        name: 'X',
        due_date: Date.now() + 1e9,
        color: 'blue',
      });
      expect(badColor).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'color' }] });
      const noDue = await host.call('goal_create', { name: 'X' });
      expect(noDue).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'due_date' }] });
      const blank = await host.call('goal_create', { name: '  ', due_date: Date.now() + 1e9 });
      expect(blank).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
      const goals = await host.call<{ items: Goal[] }>('goal_list', { include_completed: true });
      expect(must(goals.result).items).toHaveLength(2);
    });

    it('updates only the given fields', async () => {
      const { id } = await goalByName('Reduce Churn');
      const envelope = await host.call<Goal>('goal_update', {
        goal_id: id,
        name: 'Reduce Logo Churn',
        add_owners: [sarahId],
      });
      expect(envelope.result).toMatchObject({ name: 'Reduce Logo Churn' });
      const stored = (await sandboxGoal(id)).body.goal;
      expect(stored.name).toBe('Reduce Logo Churn');
      expect(stored.description).toBe('Bring monthly logo churn under 2% by the end of Q3.');
      expect(stored.color).toBe('#e50000');
      expect(stored.owners.map((o) => o.id)).toContain(sarahId);
      const unknown = await host.call('goal_update', { goal_id: 'missing', name: 'X' });
      expect(unknown.ok).toBe(false);
    });

    it('deletes a goal', async () => {
      const { id } = await goalByName('Q4 Revenue Target');
      const envelope = await host.call('goal_delete', { goal_id: id });
      expect(envelope).toMatchObject({ ok: true, result: { id, deleted: true } });
      expect((await sandboxGoal(id)).status).toBeGreaterThanOrEqual(400);
      const again = await host.call('goal_delete', { goal_id: id });
      expect(again.ok).toBe(false);
    });
  });

  describe('key results', () => {
    it('adds a numeric key result and tracks its progress', async () => {
      const { id } = await goalByName('Reduce Churn');
      const created = await host.call<KeyResult>('key_result_create', {
        goal_id: id,
        name: 'Exit surveys sent',
        start: 0,
        target: 40,
        unit: 'surveys',
      });
      expect(created.result).toMatchObject({ name: 'Exit surveys sent', current: 0, target: 40, percent: 0 });
      const krId = must(created.result).id;
      const updated = await host.call<KeyResult>('key_result_update', {
        goal_id: id,
        key_result_id: krId,
        current: 30,
        note: 'Batch 3 sent',
      });
      expect(updated.result).toMatchObject({ current: 30, target: 40, percent: 75 });
      const stored = (await sandboxGoal(id)).body.goal.key_results.find((k) => k.id === krId);
      expect(stored).toMatchObject({ steps_current: 30 });
      const goal = await host.call<Goal>('goal_get', { goal_id: id });
      expect(must(goal.result).key_results).toHaveLength(3);
      // goal_get shows each key result's latest progress change, as ClickUp's last_action gives it.
      const shown = must(goal.result).key_results.find((k) => k.id === krId);
      expect(shown?.last_update).toMatchObject({
        from: 0,
        to: 30,
        note: 'Batch 3 sent',
        user_id: expect.any(Number),
      });
      expect(Date.parse(shown?.last_update?.date_iso ?? '')).toBe(shown?.last_update?.date_ms);
    });

    it('links an automatic key result to in-scope tasks and lists', async () => {
      const { id } = await goalByName('Reduce Churn');
      const created = await pinnedAllowed.call<KeyResult>('key_result_create', {
        goal_id: id,
        name: 'Login refactor shipped',
        type: 'automatic',
        task_ids: [tasks['Refactor Login Component']],
        list_ids: [sprintList],
      });
      expect(created.result).toMatchObject({
        task_ids: [tasks['Refactor Login Component']],
        list_ids: [sprintList],
      });
    });

    it('refuses linked tasks outside the pinned spaces or in Globex, creating nothing', async () => {
      const { id } = await goalByName('Reduce Churn');
      const marketing = await pinnedAllowed.call('key_result_create', {
        goal_id: id,
        name: 'Launch post live',
        type: 'automatic',
        task_ids: [tasks['Draft launch blog post']],
      });
      expect(marketing).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const globex = await host.call('key_result_create', {
        goal_id: id,
        name: 'Globex capacity',
        type: 'automatic',
        task_ids: [globexTask],
      });
      expect(globex).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const badType = await host.call('key_result_create', { goal_id: id, name: 'X', type: 'stars' });
      expect(badType).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'type' }] });
      expect((await sandboxGoal(id)).body.goal.key_results).toHaveLength(2);
    });

    it('updates and deletes only key results of the named goal', async () => {
      const churn = await goalByName('Reduce Churn');
      const revenue = await goalByName('Q4 Revenue Target');
      const krId = must((await sandboxGoal(churn.id)).body.goal.key_results[0]).id;
      const wrongGoal = await host.call('key_result_update', {
        goal_id: revenue.id,
        key_result_id: krId,
        current: 1,
      });
      expect(wrongGoal).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const missingCurrent = await host.call('key_result_update', { goal_id: churn.id, key_result_id: krId });
      expect(missingCurrent).toMatchObject({
        ok: false,
        issues: [{ code: 'VALIDATION_ERROR', path: 'current' }],
      });
      const deleted = await host.call('key_result_delete', { goal_id: churn.id, key_result_id: krId });
      expect(deleted).toMatchObject({ ok: true, result: { id: krId, deleted: true } });
      const left = (await sandboxGoal(churn.id)).body.goal.key_results;
      expect(left.map((k) => k.id)).not.toContain(krId);
      expect(left).toHaveLength(1);
      const again = await host.call('key_result_delete', { goal_id: churn.id, key_result_id: krId });
      expect(again).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
    });
  });
});
