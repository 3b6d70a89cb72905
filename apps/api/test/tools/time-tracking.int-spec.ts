import { TimeTrackingTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

const HOUR = 3_600_000;

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

interface Entry {
  id: string;
  task_id: string | null;
  running: boolean;
  duration_ms?: number;
  elapsed_ms?: number;
  started_at_ms?: number;
  started_at_iso?: string;
  start_ms?: number;
  end_ms?: number;
  billable: boolean;
  description: string | null;
  tags: string[];
  out_of_scope?: boolean;
}
interface EntryList {
  items: Entry[];
  next_cursor: string | null;
  truncated: boolean;
  total_count: number;
  total_duration_ms: number;
}

describe('time tracking tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let acme: string;
  let engineering: string;
  const tasks: Record<string, string> = {};
  let globexTask: string;
  let sarahId: number;

  async function api<T>(path: string, init: RequestInit = {}, token = 'pk_sandbox_owner'): Promise<T> {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, {
      ...init,
      headers: { authorization: token, 'content-type': 'application/json' },
    });
    return (await res.json()) as T;
  }
  const sandboxEntry = async (id: string) =>
    (await api<{ data: [{ id: string; duration: string; billable: boolean; description: string }] }>(
      `/team/${acme}/time_entries/${id}`,
    ).then((r) => r.data?.[0] ?? null)) as {
      duration: string;
      billable: boolean;
      description: string;
      start: string;
      end: string;
      tags: { name: string }[];
      task?: { id: string };
    } | null;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const { teams } = await api<{
      teams: { id: string; name: string; members: { user: { id: number; username: string } }[] }[];
    }>('/team');
    const team = must(teams.find((t) => t.name === 'Acme Corp'));
    acme = team.id;
    sarahId = must(team.members.find((m) => m.user.username.startsWith('Sarah'))).user.id;
    const { spaces } = await api<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`);
    engineering = must(spaces.find((s) => s.name === 'Engineering')).id;
    const { tasks: all } = await api<{ tasks: { id: string; name: string }[] }>(
      `/team/${acme}/task?include_closed=true&subtasks=true`,
    );
    for (const t of all) tasks[t.name] = t.id;
    const globex = await api<{ teams: { id: string }[] }>('/team', {}, 'pk_sandbox_guest');
    const gtasks = await api<{ tasks: { id: string; name: string }[] }>(
      `/team/${globex.teams[0].id}/task`,
      {},
      'pk_sandbox_guest',
    );
    globexTask = gtasks.tasks[0].id;
    const catalog = new ToolCatalog([new TimeTrackingTools()]);
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

  describe('time_entry_list', () => {
    it('defaults to your entries of the last 30 days, newest first, with the total', async () => {
      const envelope = await host.call<EntryList>('time_entry_list');
      expect(envelope.ok).toBe(true);
      const result = must(envelope.result);
      expect(result.total_count).toBe(5);
      expect(result.total_duration_ms).toBe(8.5 * HOUR);
      expect(result.items.every((e) => e.running === false && (e.duration_ms ?? -1) > 0)).toBe(true);
      const starts = result.items.map((e) => must(e.start_ms));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      expect(result).toMatchObject({ next_cursor: null, truncated: false });
    });

    it('filters by task and pages with an opaque cursor', async () => {
      const login = tasks['Refactor Login Component'];
      const first = await host.call<EntryList>('time_entry_list', { task_id: login, limit: 1 });
      expect(first.result).toMatchObject({ total_count: 2, truncated: true });
      expect(must(first.result).items).toHaveLength(1);
      const second = await host.call<EntryList>('time_entry_list', {
        task_id: login,
        limit: 1,
        cursor: must(first.result).next_cursor,
      });
      expect(must(second.result).items[0].id).not.toBe(must(first.result).items[0].id);
      expect(second.result).toMatchObject({ next_cursor: null, truncated: false });
      expect(
        [...must(first.result).items, ...must(second.result).items].every((e) => e.task_id === login),
      ).toBe(true);
    });

    it('reads a teammate’s entries with assignee, and an explicit window', async () => {
      const sarah = await host.call<EntryList>('time_entry_list', { assignee: [sarahId] });
      expect(must(sarah.result).items.map((e) => e.description)).toEqual(['Wireframes']);
      const old = await host.call<EntryList>('time_entry_list', {
        start: new Date(Date.now() - 60 * 86_400_000).toISOString(),
        end: Date.now() - 40 * 86_400_000,
      });
      expect(must(old.result).items.map((e) => e.description)).toEqual([
        'Older than 30 days: outside the default window',
      ]);
    });

    it('refuses a window that ends before it starts and a cursor of another tool', async () => {
      const backwards = await host.call('time_entry_list', { start: Date.now(), end: Date.now() - HOUR });
      expect(backwards).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'end' }] });
      const foreign = await host.call('time_entry_list', {
        cursor: Buffer.from(JSON.stringify({ t: 'comment_list', s: { o: 1 } })).toString('base64url'),
      });
      expect(foreign).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'cursor' }] });
    });

    it('on a server pinned to Engineering shows only entries of Engineering tasks', async () => {
      const launch = tasks['Draft launch blog post'];
      await host.call('time_entry_create', {
        task_id: launch,
        start: Date.now() - 3 * HOUR,
        duration_ms: HOUR,
      });
      const all = await host.call<EntryList>('time_entry_list');
      expect(must(all.result).items.some((e) => e.task_id === launch)).toBe(true);
      const scoped = await pinned.call<EntryList>('time_entry_list');
      expect(must(scoped.result).total_count).toBe(4);
      expect(must(scoped.result).items.every((e) => e.task_id !== null && e.task_id !== launch)).toBe(true);
      const outside = await pinned.call('time_entry_list', { task_id: launch });
      expect(outside).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
    });
  });

  describe('time_entry_create', () => {
    it('logs 2 billable hours with a description on a task in one call', async () => {
      const start = '2026-01-15T09:00:00.000Z';
      const envelope = await host.call<Entry>('time_entry_create', {
        task_id: tasks['Implement rate limiter middleware'],
        start,
        duration_ms: 2 * HOUR,
        billable: true,
        description: 'Pairing on the token bucket',
        tags: ['pairing'],
      });
      expect(envelope.ok).toBe(true);
      expect(envelope.result).toMatchObject({
        running: false,
        duration_ms: 2 * HOUR,
        start_ms: Date.parse(start),
        end_ms: Date.parse(start) + 2 * HOUR,
        billable: true,
        description: 'Pairing on the token bucket',
        tags: ['pairing'],
        task_id: tasks['Implement rate limiter middleware'],
      });
      const stored = await sandboxEntry(must(envelope.result).id);
      expect(stored).toMatchObject({
        billable: true,
        description: 'Pairing on the token bucket',
        duration: String(2 * HOUR),
        task: { id: tasks['Implement rate limiter middleware'] },
      });
    });

    it('takes an end instead of a duration', async () => {
      const start = Date.now() - 5 * HOUR;
      const envelope = await host.call<Entry>('time_entry_create', {
        task_id: tasks['Upgrade Node.js to 20 LTS'],
        start,
        end: start + 90 * 60_000,
      });
      expect(envelope.result).toMatchObject({ duration_ms: 90 * 60_000, billable: false });
    });

    it('validates the times, naming the field', async () => {
      const task_id = tasks['Upgrade Node.js to 20 LTS'];
      const start = Date.now() - HOUR;
      const cases: [Record<string, unknown>, string][] = [
        [{ task_id, start }, 'duration_ms'],
        [{ task_id, start, duration_ms: HOUR, end: start + HOUR }, 'duration_ms'],
        [{ task_id, start, end: start - 1 }, 'end'],
        [{ task_id, start: Math.floor(start / 1000), duration_ms: HOUR }, 'start'],
        [{ task_id, start: 'yesterday-ish', duration_ms: HOUR }, 'start'],
        [{ task_id, start, duration_ms: -5 }, 'duration_ms'],
      ];
      for (const [args, path] of cases) {
        const envelope = await host.call('time_entry_create', args);
        expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path }] });
      }
      const { result } = await host.call<EntryList>('time_entry_list', { task_id });
      expect(must(result).total_count).toBe(1);
    });

    it('refuses tasks out of scope, Globex tasks and unknown tasks', async () => {
      const start = Date.now() - HOUR;
      const marketing = await pinned.call('time_entry_create', {
        task_id: tasks['Draft launch blog post'],
        start,
        duration_ms: HOUR,
      });
      expect(marketing).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const noTask = await pinned.call('time_entry_create', { start, duration_ms: HOUR });
      expect(noTask).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const globex = await host.call('time_entry_create', { task_id: globexTask, start, duration_ms: HOUR });
      expect(globex).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const unknown = await host.call('time_entry_create', { task_id: 'nope123', start, duration_ms: HOUR });
      expect(unknown.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0].code);
      const { result } = await host.call<EntryList>('time_entry_list');
      expect(must(result).total_count).toBe(5);
    });
  });

  describe('time_entry_get, time_entry_update, time_entry_delete', () => {
    it('gets an entry with its list and space', async () => {
      const { result } = await host.call<EntryList>('time_entry_list', {
        task_id: tasks['Implement rate limiter middleware'],
      });
      const envelope = await host.call('time_entry_get', { time_entry_id: must(result).items[0].id });
      expect(envelope.result).toMatchObject({
        running: false,
        duration_ms: 1.5 * HOUR,
        billable: true,
        list_name: 'Sprint 42',
        space_id: engineering,
        task_name: 'Implement rate limiter middleware',
      });
      const unknown = await host.call('time_entry_get', { time_entry_id: '999999999' });
      expect(unknown.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
    });

    it('hides entries outside the pinned spaces', async () => {
      const created = await host.call<Entry>('time_entry_create', {
        task_id: tasks['Draft launch blog post'],
        start: Date.now() - 2 * HOUR,
        duration_ms: HOUR,
      });
      const id = must(created.result).id;
      for (const [tool, args] of [
        ['time_entry_get', { time_entry_id: id }],
        ['time_entry_update', { time_entry_id: id, description: 'x' }],
        ['time_entry_delete', { time_entry_id: id }],
      ] as const) {
        const envelope = await pinned.call(tool, args);
        expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      }
      expect(await sandboxEntry(id)).toMatchObject({ description: '' });
    });

    it('updates the duration, description, billable and tags, keeping the start', async () => {
      const { result } = await host.call<EntryList>('time_entry_list', {
        task_id: tasks['Upgrade Node.js to 20 LTS'],
      });
      const entry = must(result).items[0];
      const envelope = await host.call<Entry>('time_entry_update', {
        time_entry_id: entry.id,
        duration_ms: 3 * HOUR,
        description: 'CI image update and cache warmup',
        billable: true,
        tags: ['ci'],
      });
      expect(envelope.result).toMatchObject({
        start_ms: entry.start_ms,
        duration_ms: 3 * HOUR,
        description: 'CI image update and cache warmup',
        billable: true,
        tags: ['ci'],
      });
      const stored = await sandboxEntry(entry.id);
      expect(stored).toMatchObject({ duration: String(3 * HOUR), billable: true, tags: [{ name: 'ci' }] });
      const moved = await host.call<Entry>('time_entry_update', {
        time_entry_id: entry.id,
        start: must(entry.start_ms) - HOUR,
      });
      expect(moved.result).toMatchObject({ start_ms: must(entry.start_ms) - HOUR, duration_ms: 3 * HOUR });
    });

    it('adds and removes tags with tag_action, keeping the others', async () => {
      const { result } = await host.call<EntryList>('time_entry_list', {
        task_id: tasks['Upgrade Node.js to 20 LTS'],
      });
      const id = must(result).items[0].id;
      await host.call('time_entry_update', { time_entry_id: id, tags: ['ci', 'infra'] });
      const added = await host.call<Entry>('time_entry_update', {
        time_entry_id: id,
        tags: ['review', 'ci'],
        tag_action: 'add',
      });
      expect(added.result?.tags).toEqual(['ci', 'infra', 'review']);
      const removed = await host.call<Entry>('time_entry_update', {
        time_entry_id: id,
        tags: ['infra'],
        tag_action: 'remove',
      });
      expect(removed.result?.tags).toEqual(['ci', 'review']);
      expect(must(await sandboxEntry(id)).tags.map((t) => t.name)).toEqual(['ci', 'review']);
      const alone = await host.call('time_entry_update', { time_entry_id: id, tag_action: 'add' });
      expect(alone.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'tags' });
      const wrong = await host.call('time_entry_update', {
        time_entry_id: id,
        tags: ['x'],
        tag_action: 'merge',
      });
      expect(wrong.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'tag_action' });
    });

    it('validates updates', async () => {
      const { result } = await host.call<EntryList>('time_entry_list', {
        task_id: tasks['Upgrade Node.js to 20 LTS'],
      });
      const entry = must(result).items[0];
      const backwards = await host.call('time_entry_update', {
        time_entry_id: entry.id,
        end: must(entry.start_ms) - 1,
      });
      expect(backwards).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'end' }] });
      const nothing = await host.call('time_entry_update', { time_entry_id: entry.id });
      expect(nothing).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
      const unknown = await host.call('time_entry_update', { time_entry_id: '999999999', description: 'x' });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
      expect(await sandboxEntry(entry.id)).toMatchObject({ duration: String(HOUR) });
    });

    it('deletes an entry', async () => {
      const { result } = await host.call<EntryList>('time_entry_list', {
        task_id: tasks['Upgrade Node.js to 20 LTS'],
      });
      const id = must(result).items[0].id;
      const envelope = await host.call('time_entry_delete', { time_entry_id: id });
      expect(envelope).toMatchObject({ ok: true, result: { id, deleted: true } });
      expect(await sandboxEntry(id)).toBeNull();
      const again = await host.call('time_entry_delete', { time_entry_id: id });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(again.issues[0]?.code);
    });
  });

  describe('timers', () => {
    it('start → current shows it running with elapsed_ms ≥ 0 → stop gives a positive duration', async () => {
      expect((await host.call('time_entry_current')).result).toEqual({ running: false });
      const task_id = tasks['Refactor Login Component'];
      const started = await host.call<Entry>('timer_start', {
        task_id,
        description: 'Live pairing',
        billable: true,
      });
      expect(started.result).toMatchObject({
        running: true,
        task_id,
        description: 'Live pairing',
        billable: true,
      });
      expect(started.result).not.toHaveProperty('duration_ms');
      await new Promise((resolve) => setTimeout(resolve, 30));
      const current = await host.call<Entry>('time_entry_current');
      expect(current.result).toMatchObject({ running: true, id: must(started.result).id, task_id });
      expect(must(current.result).elapsed_ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(must(must(current.result).started_at_iso))).toBe(must(current.result).started_at_ms);
      const listed = await host.call<EntryList>('time_entry_list', { task_id });
      const running = must(must(listed.result).items.find((e) => e.id === must(started.result).id));
      expect(running).toMatchObject({ running: true });
      expect(running.elapsed_ms).toBeGreaterThanOrEqual(0);

      const stopped = await host.call<Entry>('timer_stop');
      expect(stopped.result).toMatchObject({ running: false, id: must(started.result).id });
      expect(must(stopped.result).duration_ms).toBeGreaterThan(0);
      expect((await host.call('time_entry_current')).result).toEqual({ running: false });
      const stored = await sandboxEntry(must(started.result).id);
      expect(Number(must(stored).duration)).toBeGreaterThan(0);
      const again = await host.call('timer_stop');
      expect(again).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
    });

    it('keeps a pinned server away from timers outside its spaces', async () => {
      const denied = await pinned.call('timer_start', { task_id: tasks['Draft launch blog post'] });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const noTask = await pinned.call('timer_start', {});
      expect(noTask).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect((await host.call('time_entry_current')).result).toEqual({ running: false });

      await host.call('timer_start', { task_id: tasks['Draft launch blog post'], description: 'Secret' });
      const seen = await pinned.call<Entry>('time_entry_current');
      expect(seen.result).toMatchObject({
        running: true,
        task_id: null,
        description: null,
        out_of_scope: true,
      });
      const stop = await pinned.call('timer_stop');
      expect(stop).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const replace = await pinned.call('timer_start', { task_id: tasks['Refactor Login Component'] });
      expect(replace).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect((await host.call<Entry>('time_entry_current')).result).toMatchObject({
        running: true,
        task_id: tasks['Draft launch blog post'],
      });

      await host.call('timer_stop');
      const own = await pinned.call<Entry>('timer_start', { task_id: tasks['Refactor Login Component'] });
      expect(own.result).toMatchObject({ running: true });
      const stopped = await pinned.call<Entry>('timer_stop');
      expect(stopped.result).toMatchObject({ running: false, id: must(own.result).id });
    });
  });
});
