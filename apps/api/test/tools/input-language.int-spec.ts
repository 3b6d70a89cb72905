import { TasksTools } from '@gw/mcp-tools';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { takeRequests } from './support/sandbox-hierarchy';
import { sandboxTask, type AcmeWorld } from './support/acme-world';
import { useToolWorld } from './support/tool-world';

interface TaskResult {
  id: string;
  assignee_ids: number[];
  due_date_ms: number | null;
  due_date_iso: string | null;
}
interface TaskPage {
  items: TaskResult[];
}

/** One input language (issue 17 §3): people by id, "me", email or name; times as epoch ms or ISO 8601 in UTC. */
describe('people and times as agents write them, against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;

  useToolWorld(
    () => [new TasksTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );

  it('task_create assigns by name (any case) and by email, reading the members once', async () => {
    await takeRequests(sandbox.url);
    const created = await host.call<TaskResult>('task_create', {
      list_id: w.lists['Sprint 42'],
      name: 'Assigned by name',
      assignees: ['sarah chen', 'DAVID@acme.example', 'me'],
    });
    expect(created).toMatchObject({ ok: true, issues: [] });
    expect(created.result?.assignee_ids.sort()).toEqual([w.sarahId, w.davidId, w.ownerId].sort());
    const stored = await sandboxTask(sandbox.url, created.result?.id as string);
    expect(stored?.assignees.map((a) => a.id).sort()).toEqual([w.sarahId, w.davidId, w.ownerId].sort());
    const requests = await takeRequests(sandbox.url);
    expect(requests.filter((r) => r === 'GET /api/v2/team').length).toBe(1);
  });

  it('task_update replaces the assignees with people named by part of their name', async () => {
    const task = w.tasks['Onboarding flow redesign'];
    const updated = await host.call<TaskResult>('task_update', { task_id: task, assignees: ['okafor'] });
    expect(updated).toMatchObject({ ok: true, result: { assignee_ids: [w.davidId] } });
    expect((await sandboxTask(sandbox.url, task))?.assignees.map((a) => a.id)).toEqual([w.davidId]);
  });

  it('filters task_search and task_list_in_list by a name as by the id', async () => {
    const byId = await host.call<TaskPage>('task_search', { assignees: [w.sarahId], limit: 100 });
    const byName = await host.call<TaskPage>('task_search', { assignees: ['Sarah Chen'], limit: 100 });
    expect(byId.ok).toBe(true);
    expect(byName.result?.items.map((t) => t.id)).toEqual(byId.result?.items.map((t) => t.id));
    expect(byName.result?.items.length).toBeGreaterThan(0);
    const inList = await host.call<TaskPage>('task_list_in_list', {
      list_id: w.lists['Sprint 42'],
      assignees: ['sarah@acme.example'],
    });
    expect(inList.ok).toBe(true);
    for (const t of inList.result?.items ?? []) expect(t.assignee_ids).toContain(w.sarahId);
  });

  it('answers an ambiguous name with the candidates, naming the argument, and writes nothing', async () => {
    await takeRequests(sandbox.url);
    const envelope = await host.call('task_create', {
      list_id: w.lists['Sprint 42'],
      name: 'Ambiguous',
      assignees: [w.ownerId, 'a'],
    });
    expect(envelope.ok).toBe(false);
    expect(envelope.issues).toHaveLength(1);
    expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'assignees.1' });
    const message = envelope.issues[0].message;
    expect(message).toMatch(/^assignees\.1: "a" matches 3 members: /);
    expect(message).toContain(`Sarah Chen <sarah@acme.example> (id ${w.sarahId})`);
    expect(message).toContain(`David Okafor <david@acme.example> (id ${w.davidId})`);
    expect((await takeRequests(sandbox.url)).filter((r) => r.startsWith('POST '))).toEqual([]);
  });

  it('shows no emails among the candidates on a server pinned to spaces', async () => {
    const envelope = await engHost.call('task_search', { assignees: ['a'] });
    expect(envelope.issues[0]?.code).toBe('VALIDATION_ERROR');
    expect(envelope.issues[0]?.message).toContain(`Sarah Chen (id ${w.sarahId})`);
    expect(envelope.issues[0]?.message).not.toContain('@');
  });

  it('answers a person who is not a member of the workspace, naming the argument and what was given', async () => {
    const envelope = await host.call('task_search', { assignees: ['Grace Guest'] });
    expect(envelope).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'VALIDATION_ERROR',
          path: 'assignees.0',
          message:
            'assignees.0: no workspace member matches "Grace Guest"; give a user id (member_list), "me", an email or a name.',
        },
      ],
    });
  });

  it('reads a due date without offset in UTC, and a search bound in ISO 8601', async () => {
    const created = await host.call<TaskResult>('task_create', {
      list_id: w.lists['Sprint 42'],
      name: 'Due at five, UTC',
      due_date: '2030-01-15T17:00',
    });
    expect(created.result).toMatchObject({
      due_date_ms: Date.UTC(2030, 0, 15, 17),
      due_date_iso: '2030-01-15T17:00:00.000Z',
    });
    const found = await host.call<TaskPage>('task_search', {
      due_date_gt: '2030-01-15',
      due_date_lt: '2030-01-16T00:00:00+00:00',
    });
    expect(found.result?.items.map((t) => t.id)).toEqual([created.result?.id]);
  });

  it('refuses epoch seconds naming the mistake, before any request', async () => {
    await takeRequests(sandbox.url);
    const envelope = await host.call('task_create', {
      list_id: w.lists['Sprint 42'],
      name: 'Seconds',
      due_date: 1735689600,
    });
    expect(envelope).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'VALIDATION_ERROR',
          path: 'due_date',
          message:
            'due_date: 1735689600 looks like epoch seconds; give milliseconds (1735689600000) or ISO 8601',
        },
      ],
    });
    expect(await takeRequests(sandbox.url)).toEqual([]);
  });

  it('refuses an argument the tool does not have, listing those it has', async () => {
    const envelope = await host.call('task_update', { task_id: w.tasks['Onboarding flow redesign'], due: 1 });
    expect(envelope.ok).toBe(false);
    expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(envelope.issues[0].message).toMatch(
      /^unknown argument "due"; accepted: task_id, name, .*due_date/,
    );
  });
});
