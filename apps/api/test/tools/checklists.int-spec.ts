import { ChecklistsTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

interface Item {
  id: string;
  name: string;
  resolved: boolean;
  assignee_id: number | null;
  parent_item_id: string | null;
}
interface Checklist {
  id: string;
  task_id: string;
  name: string;
  resolved: number;
  unresolved: number;
  items: Item[];
}
interface SandboxChecklist {
  id: string;
  name: string;
  items: {
    id: string;
    name: string;
    resolved: boolean;
    parent: string | null;
    assignee: { id: number } | null;
    children: string[];
  }[];
}

describe('checklists tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let acme: string;
  let davidId: number;
  const tasks: Record<string, string> = {};
  let globexTask: string;

  async function api<T>(path: string, token = 'pk_sandbox_owner'): Promise<T> {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, { headers: { authorization: token } });
    return (await res.json()) as T;
  }
  const checklistsOf = async (taskId: string) =>
    (await api<{ checklists: SandboxChecklist[] }>(`/task/${taskId}`)).checklists;
  const definitionOfDone = async () =>
    must(
      (await checklistsOf(tasks['Refactor Login Component'])).find((c) => c.name === 'Definition of done'),
    );

  beforeAll(async () => {
    sandbox = await startSandbox();
    const { teams } = await api<{
      teams: { id: string; name: string; members: { user: { id: number; username: string } }[] }[];
    }>('/team');
    const team = must(teams.find((t) => t.name === 'Acme Corp'));
    acme = team.id;
    davidId = must(team.members.find((m) => m.user.username.startsWith('David'))).user.id;
    const { spaces } = await api<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`);
    const engineering = must(spaces.find((s) => s.name === 'Engineering')).id;
    for (const t of (await api<{ tasks: { id: string; name: string }[] }>(`/team/${acme}/task`)).tasks) {
      tasks[t.name] = t.id;
    }
    const globex = (await api<{ teams: { id: string }[] }>('/team', 'pk_sandbox_guest')).teams[0].id;
    globexTask = (await api<{ tasks: { id: string }[] }>(`/team/${globex}/task`, 'pk_sandbox_guest')).tasks[0]
      .id;
    const catalog = new ToolCatalog([new ChecklistsTools()]);
    host = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: acme });
    pinned = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: acme,
      spaceIds: [engineering],
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await pinned?.close();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });

  describe('checklist_create', () => {
    it('adds a checklist with its items in one call', async () => {
      const task = tasks['Implement rate limiter middleware'];
      const envelope = await pinned.call<Checklist>('checklist_create', {
        task_id: task,
        name: 'Release steps',
        items: ['Load test', 'Update runbook', 'Enable in production'],
      });
      expect(envelope.ok).toBe(true);
      expect(envelope.result).toMatchObject({
        task_id: task,
        name: 'Release steps',
        resolved: 0,
        unresolved: 3,
      });
      expect(must(envelope.result).items.map((i) => i.name)).toEqual([
        'Load test',
        'Update runbook',
        'Enable in production',
      ]);
      const stored = await checklistsOf(task);
      expect(stored).toHaveLength(1);
      expect(stored[0].items.map((i) => i.name)).toEqual([
        'Load test',
        'Update runbook',
        'Enable in production',
      ]);
    });

    it('refuses out-of-scope, Globex and unknown tasks, and blank names', async () => {
      const marketing = tasks['Draft launch blog post'];
      const denied = await pinned.call('checklist_create', { task_id: marketing, name: 'Review' });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(await checklistsOf(marketing)).toEqual([]);
      const globex = await host.call('checklist_create', { task_id: globexTask, name: 'Review' });
      expect(globex).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const unknown = await host.call('checklist_create', { task_id: 'nope123', name: 'Review' });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
      const blank = await host.call('checklist_create', { task_id: marketing, name: ' ' });
      expect(blank).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
    });
  });

  describe('checklist_item_create and checklist_item_update', () => {
    it('adds an assigned item to the seeded checklist', async () => {
      const checklist = await definitionOfDone();
      const envelope = await host.call<Checklist>('checklist_item_create', {
        task_id: tasks['Refactor Login Component'],
        checklist_id: checklist.id,
        name: 'Changelog entry written',
        assignee: davidId,
      });
      expect(must(envelope.result).items.at(-1)).toMatchObject({
        name: 'Changelog entry written',
        assignee_id: davidId,
        resolved: false,
      });
      expect((await definitionOfDone()).items).toHaveLength(4);
    });

    it('checks an item off, nests it and unassigns it', async () => {
      const checklist = await definitionOfDone();
      const [first, second, third] = checklist.items;
      const task_id = tasks['Refactor Login Component'];
      const resolved = await host.call<Checklist>('checklist_item_update', {
        task_id,
        checklist_id: checklist.id,
        item_id: second.id,
        resolved: true,
      });
      expect(must(resolved.result).items.find((i) => i.id === second.id)).toMatchObject({ resolved: true });
      expect(resolved.result).toMatchObject({ resolved: 2, unresolved: 1 });
      const nested = await host.call<Checklist>('checklist_item_update', {
        task_id,
        checklist_id: checklist.id,
        item_id: third.id,
        parent_item_id: second.id,
      });
      expect(must(nested.result).items.find((i) => i.id === third.id)).toMatchObject({
        parent_item_id: second.id,
      });
      const unassigned = await host.call<Checklist>('checklist_item_update', {
        task_id,
        checklist_id: checklist.id,
        item_id: first.id,
        assignee: null,
        name: 'Unit tests updated and green',
      });
      expect(unassigned.ok).toBe(true);
      const stored = await definitionOfDone();
      expect(stored.items.find((i) => i.id === first.id)).toMatchObject({
        assignee: null,
        name: 'Unit tests updated and green',
      });
      expect(stored.items.find((i) => i.id === second.id)).toMatchObject({
        resolved: true,
        children: [third.id],
      });
      expect(stored.items.find((i) => i.id === third.id)).toMatchObject({ parent: second.id });
    });

    it('refuses unknown items and checklists, empty or circular edits, and out-of-scope tasks', async () => {
      const checklist = await definitionOfDone();
      const task_id = tasks['Refactor Login Component'];
      const item = checklist.items[1];
      const cases: [Record<string, unknown>, string, string?][] = [
        [{ task_id, checklist_id: checklist.id, item_id: 'nope', resolved: true }, 'NOT_FOUND'],
        [{ task_id, checklist_id: 'nope', item_id: item.id, resolved: true }, 'NOT_FOUND'],
        [
          {
            task_id: tasks['Add dark mode toggle'],
            checklist_id: checklist.id,
            item_id: item.id,
            resolved: true,
          },
          'NOT_FOUND',
        ],
        [{ task_id, checklist_id: checklist.id, item_id: item.id }, 'VALIDATION_ERROR', 'resolved'],
        [
          { task_id, checklist_id: checklist.id, item_id: item.id, parent_item_id: item.id },
          'VALIDATION_ERROR',
          'parent_item_id',
        ],
        [
          { task_id, checklist_id: checklist.id, item_id: item.id, parent_item_id: 'nope' },
          'VALIDATION_ERROR',
          'parent_item_id',
        ],
      ];
      for (const [args, code, path] of cases) {
        const envelope = await host.call('checklist_item_update', args);
        expect(envelope).toMatchObject({ ok: false, issues: [{ code, ...(path ? { path } : {}) }] });
      }
      expect(await definitionOfDone()).toEqual(checklist);

      const marketing = tasks['Draft launch blog post'];
      const created = await host.call<Checklist>('checklist_create', {
        task_id: marketing,
        name: 'Review',
        items: ['Copy'],
      });
      const other = must(created.result);
      const denied = await pinned.call('checklist_item_update', {
        task_id: marketing,
        checklist_id: other.id,
        item_id: other.items[0].id,
        resolved: true,
      });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const addDenied = await pinned.call('checklist_item_create', {
        task_id: marketing,
        checklist_id: other.id,
        name: 'x',
      });
      expect(addDenied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect((await checklistsOf(marketing))[0].items).toEqual([
        expect.objectContaining({ resolved: false }),
      ]);
    });
  });

  describe('checklist_delete', () => {
    it('deletes one item, then the whole checklist', async () => {
      const checklist = await definitionOfDone();
      const task_id = tasks['Refactor Login Component'];
      const item = checklist.items[2];
      const one = await pinned.call('checklist_delete', {
        task_id,
        checklist_id: checklist.id,
        item_id: item.id,
      });
      expect(one).toMatchObject({
        ok: true,
        result: { checklist_id: checklist.id, item_id: item.id, deleted: true },
      });
      expect((await definitionOfDone()).items.map((i) => i.id)).not.toContain(item.id);
      const all = await pinned.call('checklist_delete', { task_id, checklist_id: checklist.id });
      expect(all).toMatchObject({ ok: true, result: { item_id: null, deleted: true } });
      expect(await checklistsOf(task_id)).toEqual([]);
      const again = await host.call('checklist_delete', { task_id, checklist_id: checklist.id });
      expect(again).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
    });

    it('refuses a checklist on a task outside the pinned spaces', async () => {
      const marketing = tasks['Draft launch blog post'];
      const created = await host.call<Checklist>('checklist_create', { task_id: marketing, name: 'Review' });
      const denied = await pinned.call('checklist_delete', {
        task_id: marketing,
        checklist_id: must(created.result).id,
      });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(await checklistsOf(marketing)).toHaveLength(1);
    });
  });

  describe('checklist_update', () => {
    it('renames a checklist and moves it first among the task’s checklists', async () => {
      const task = tasks['Refactor Login Component'];
      const second = await host.call<Checklist>('checklist_create', { task_id: task, name: 'Release' });
      const id = must(second.result).id;
      expect((await checklistsOf(task)).map((c) => c.name)).toEqual(['Definition of done', 'Release']);

      const moved = await host.call('checklist_update', { task_id: task, checklist_id: id, position: 0 });
      expect(moved).toMatchObject({ ok: true, result: { id, name: 'Release', position: 0 } });
      expect((await checklistsOf(task)).map((c) => c.name)).toEqual(['Release', 'Definition of done']);

      const renamed = await pinned.call('checklist_update', {
        task_id: task,
        checklist_id: id,
        name: 'Release steps',
      });
      expect(renamed).toMatchObject({ ok: true, result: { name: 'Release steps', position: null } });
      expect((await checklistsOf(task)).map((c) => c.name)).toEqual(['Release steps', 'Definition of done']);
    });

    it('refuses empty edits, bad positions, unknown checklists and tasks outside the pinned spaces', async () => {
      const task = tasks['Refactor Login Component'];
      const done = (await definitionOfDone()).id;
      const nothing = await host.call('checklist_update', { task_id: task, checklist_id: done });
      expect(nothing).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
      const negative = await host.call('checklist_update', {
        task_id: task,
        checklist_id: done,
        position: -1,
      });
      expect(negative.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'position' });
      const unknown = await host.call('checklist_update', { task_id: task, checklist_id: 'nope', name: 'x' });
      expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const otherTask = await host.call('checklist_update', {
        task_id: tasks['Implement rate limiter middleware'],
        checklist_id: done,
        name: 'x',
      });
      expect(otherTask).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });

      const marketing = tasks['Draft launch blog post'];
      const created = await host.call<Checklist>('checklist_create', { task_id: marketing, name: 'Review' });
      const denied = await pinned.call('checklist_update', {
        task_id: marketing,
        checklist_id: must(created.result).id,
        name: 'Mine',
      });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect((await checklistsOf(marketing)).map((c) => c.name)).toEqual(['Review']);
    });
  });
});
