import { CustomFieldsTools, TasksTools } from '@gw/mcp-tools';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { takeRequests } from './support/sandbox-hierarchy';
import { raw, sandboxTask, type AcmeWorld } from './support/acme-world';
import { useToolWorld } from './support/tool-world';

// task_create and task_update with task types and custom fields in one call, and what they say when ClickUp
// answers 200 but keeps less than it was asked (NOT_APPLIED beside ok: true).

interface TaskResult {
  id: string;
  name: string;
  status: string | null;
  assignee_ids: number[];
  task_type_id?: number;
}
interface Issue {
  code: string;
  message: string;
  path?: string;
}

const DENIED = ['FORBIDDEN', 'NOT_FOUND'];
const writes = (requests: string[]) => requests.filter((r) => !r.startsWith('GET '));

describe('task writes that say what ClickUp applied', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  /** Grace: a member of Globex only, so an outsider to every Acme list. */
  let outsider: number;

  const fieldValue = async (taskId: string, name: string) =>
    (await sandboxTask(sandbox.url, taskId))?.custom_fields.find((f) => f.name === name)?.value;
  const typeOf = async (taskId: string) =>
    (await raw<{ custom_item_id: number | null }>(sandbox.url, `/task/${taskId}`)).body.custom_item_id;
  const tasksNamed = async (listId: string, name: string) =>
    (await raw<{ tasks: { name: string }[] }>(sandbox.url, `/list/${listId}/task`)).body.tasks.filter(
      (t) => t.name === name,
    );

  useToolWorld(
    () => [new TasksTools(), new CustomFieldsTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeAll(async () => {
    const teams = await raw<{
      teams: { name: string; members: { user: { id: number; username: string } }[] }[];
    }>(sandbox.url, '/team', { token: 'pk_sandbox_guest' });
    const globex = teams.body.teams.find((t) => t.name === 'Globex');
    outsider = globex?.members.find((m) => m.user.username.startsWith('Grace'))?.user.id as number;
    expect(outsider).toEqual(expect.any(Number));
  }, 60_000);

  describe('task_create', () => {
    it('keeps ok: true and names the assignee ClickUp left out (not a member) as NOT_APPLIED', async () => {
      const envelope = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Pair on the cache',
        assignees: [w.sarahId, outsider],
      });
      expect(envelope).toMatchObject({
        ok: true,
        result: { name: 'Pair on the cache', assignee_ids: [w.sarahId] },
        issues: [{ code: 'NOT_APPLIED', path: 'assignees' }],
      });
      expect(envelope.issues).toHaveLength(1);
      expect(envelope.issues[0].message).toContain(`asked [${w.sarahId}, ${outsider}]`);
      expect(envelope.issues[0].message).toContain(`ClickUp kept [${w.sarahId}]`);
      const stored = await sandboxTask(sandbox.url, (envelope.result as TaskResult).id);
      expect(stored?.assignees.map((a) => a.id)).toEqual([w.sarahId]);
    });

    it('says a status the list lacks was not kept, and which status the task has', async () => {
      const envelope = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Ship it',
        status: 'shipped to mars',
      });
      expect(envelope).toMatchObject({ ok: true, result: { status: 'to do' } });
      expect(envelope.issues).toEqual([
        {
          code: 'NOT_APPLIED',
          path: 'status',
          message:
            'status: asked "shipped to mars", ClickUp kept "to do" (the list may not have that status).',
        },
      ]);
    });

    it('sets custom fields by name and the task type by name in the create call itself', async () => {
      await takeRequests(sandbox.url);
      const envelope = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Release 2.4',
        task_type: 'milestone',
        custom_fields: [
          { field: 'component', value: 'Backend' },
          { field: 'Story Points', value: 8 },
          { field: 'Sprint Goal', value: 'Ship 2.4' },
        ],
      });
      expect(envelope).toMatchObject({ ok: true, issues: [], result: { task_type_id: 1 } });
      const id = (envelope.result as TaskResult).id;
      // One create carries the fields: no call per field, and no read after it (the answer shows what was kept).
      expect(writes(await takeRequests(sandbox.url))).toEqual([
        `POST /api/v2/list/${w.lists['Sprint 42']}/task`,
      ]);
      expect(await typeOf(id)).toBe(1);
      expect(await fieldValue(id, 'Component')).toBe(1);
      expect(await fieldValue(id, 'Story Points')).toBe('8');
      expect(await fieldValue(id, 'Sprint Goal')).toBe('Ship 2.4');
      const detail = await host.call<{
        task_type?: string;
        custom_fields: { name: string; value: unknown }[];
      }>('task_get', { task_id: id });
      expect(detail.result?.task_type).toBe('Milestone');
      expect(detail.result?.custom_fields.find((f) => f.name === 'Component')?.value).toBe('Backend');
      // Listings say the type of the tasks that are not plain ones.
      const listed = await host.call<{ items: TaskResult[] }>('task_list_in_list', {
        list_id: w.lists['Sprint 42'],
      });
      const items = listed.result?.items ?? [];
      expect(items.find((t) => t.id === id)?.task_type_id).toBe(1);
      expect(items.filter((t) => t.id !== id).every((t) => t.task_type_id === undefined)).toBe(true);
    });

    it('takes a custom task type by id or name, and refuses an unknown one listing the valid ones', async () => {
      const bug = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Crash on save',
        task_type: 'Bug',
      });
      expect(bug).toMatchObject({ ok: true, issues: [], result: { task_type_id: 1001 } });
      const byId = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Crash on load',
        task_type: 1001,
      });
      expect(byId.result?.task_type_id).toBe(1001);
      const plain = await host.call<TaskResult>('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Plain',
      });
      expect(plain.result).not.toHaveProperty('task_type_id');

      await takeRequests(sandbox.url);
      const unknown = await host.call('task_create', {
        list_id: w.lists['Incoming Bugs'],
        name: 'Epic thing',
        task_type: 'Epic',
      });
      expect(unknown.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_type' });
      expect(unknown.issues[0].message).toContain('"Epic"');
      expect(unknown.issues[0].message).toContain('Task (0), Milestone (1), Bug (1001)');
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);
    });

    it('refuses a custom field of another list before creating anything, and a value the field cannot take', async () => {
      await takeRequests(sandbox.url);
      const other = await host.call('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Worth a lot',
        custom_fields: [{ field: 'ARR', value: 1000 }],
      });
      expect(other.ok).toBe(false);
      expect(other.issues[0]).toMatchObject({ code: 'NOT_FOUND', path: 'custom_fields.0.field' });
      expect(other.issues[0].message).toContain('Story Points');
      const badValue = await host.call('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Worth a lot',
        custom_fields: [{ field: 'Story Points', value: 'lots' }],
      });
      expect(badValue.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'custom_fields.0.value' });
      const noValue = await host.call('task_create', {
        list_id: w.lists['Sprint 42'],
        name: 'Worth a lot',
        custom_fields: [{ field: 'Story Points' }],
      });
      expect(noValue.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'custom_fields.0.value' });
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);
      expect(await tasksNamed(w.lists['Sprint 42'], 'Worth a lot')).toEqual([]);
    });

    it('proves the tasks a relationship field links before creating: out of scope, nothing is created', async () => {
      const migrations = w.lists['Database Migrations'];
      await takeRequests(sandbox.url);
      const out = await engHost.call('task_create', {
        list_id: migrations,
        name: 'Linked out of scope',
        custom_fields: [{ field: 'Related Work', value: [w.tasks['Draft launch blog post']] }],
      });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      const foreign = await host.call('task_create', {
        list_id: migrations,
        name: 'Linked out of scope',
        custom_fields: [{ field: 'Related Work', value: [w.tasks['Plan Q4 capacity']] }],
      });
      expect(DENIED).toContain(foreign.issues[0]?.code);
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);

      const login = w.tasks['Refactor Login Component'];
      const linked = await engHost.call<TaskResult>('task_create', {
        list_id: migrations,
        name: 'Linked in scope',
        custom_fields: [{ field: 'Related Work', value: [login] }],
      });
      expect(linked).toMatchObject({ ok: true, issues: [] });
      const related = (await fieldValue((linked.result as TaskResult).id, 'Related Work')) as {
        id: string;
      }[];
      expect(related.map((t) => t.id)).toEqual([login]);
    });

    it('on a pinned server, refuses a list of another space before reading its fields', async () => {
      await takeRequests(sandbox.url);
      const out = await engHost.call('task_create', {
        list_id: w.lists['Customer Success Q3'],
        name: 'Deal',
        custom_fields: [{ field: 'ARR', value: 5 }],
      });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      const requests = await takeRequests(sandbox.url);
      expect(requests.filter((r) => r.endsWith('/field'))).toEqual([]);
      expect(writes(requests)).toEqual([]);
    });
  });

  describe('task_update', () => {
    it('applies what ClickUp keeps and names the rest: an outsider assignee and a status the list lacks', async () => {
      const id = w.tasks['Refactor Login Component'];
      const envelope = await host.call<TaskResult>('task_update', {
        task_id: id,
        name: 'Refactor the login component',
        status: 'shipped to mars',
        assignees: [w.sarahId, outsider],
      });
      expect(envelope).toMatchObject({
        ok: true,
        result: { name: 'Refactor the login component', status: 'in progress', assignee_ids: [w.sarahId] },
      });
      expect(envelope.issues.map((i: Issue) => [i.code, i.path])).toEqual([
        ['NOT_APPLIED', 'status'],
        ['NOT_APPLIED', 'assignees'],
      ]);
      expect(envelope.issues[1].message).toContain(`left out ${outsider}`);
      const stored = await sandboxTask(sandbox.url, id);
      expect(stored?.name).toBe('Refactor the login component');
      expect(stored?.status.status).toBe('in progress');
    });

    it('sets custom fields by name (one call each, then one read) and the task type by id', async () => {
      const id = w.tasks['Refactor Login Component'];
      await takeRequests(sandbox.url);
      const envelope = await host.call<TaskResult>('task_update', {
        task_id: id,
        task_type: 1001,
        custom_fields: [
          { field: 'Story Points', value: 13 },
          { field: 'component', value: 'infrastructure' },
        ],
      });
      expect(envelope).toMatchObject({ ok: true, issues: [], result: { task_type_id: 1001 } });
      const requests = await takeRequests(sandbox.url);
      expect(writes(requests)).toEqual([
        `PUT /api/v2/task/${id}`,
        expect.stringMatching(new RegExp(`^POST /api/v2/task/${id}/field/`)),
        expect.stringMatching(new RegExp(`^POST /api/v2/task/${id}/field/`)),
      ]);
      expect(await fieldValue(id, 'Story Points')).toBe('13');
      expect(await fieldValue(id, 'Component')).toBe(2);
      expect(await typeOf(id)).toBe(1001);
      const detail = await host.call<{ task_type?: string; task_type_id?: number }>('task_get', {
        task_id: id,
      });
      expect(detail.result).toMatchObject({ task_type: 'Bug', task_type_id: 1001 });
    });

    it('sets custom fields alone, and says which person a people field left out', async () => {
      const id = await firstTaskOf(w.lists['Incoming Bugs']);
      const envelope = await host.call<TaskResult>('task_update', {
        task_id: id,
        custom_fields: [{ field: 'Reviewer', value: ['me', outsider] }],
      });
      expect(envelope.ok).toBe(true);
      expect(envelope.issues).toEqual([
        {
          code: 'NOT_APPLIED',
          path: 'custom_fields.0',
          message: `custom field "Reviewer": asked [${w.ownerId}, ${outsider}], ClickUp kept [${w.ownerId}].`,
        },
      ]);
      const reviewers = (await fieldValue(id, 'Reviewer')) as { id: number }[];
      expect(reviewers.map((u) => u.id)).toEqual([w.ownerId]);
    });

    it('refuses a field of another list and an out-of-scope task, writing nothing', async () => {
      const id = w.tasks['Refactor Login Component'];
      await takeRequests(sandbox.url);
      const other = await host.call('task_update', {
        task_id: id,
        name: 'Renamed',
        custom_fields: [{ field: 'ARR', value: 1 }],
      });
      expect(other.issues[0]).toMatchObject({ code: 'NOT_FOUND', path: 'custom_fields.0.field' });
      const cs = w.tasks['Churn interview synthesis'];
      const out = await engHost.call('task_update', {
        task_id: cs,
        custom_fields: [{ field: 'ARR', value: 1 }],
      });
      expect(out.issues[0]?.code).toBe('FORBIDDEN');
      const type = await host.call('task_update', { task_id: id, task_type: 'Epic' });
      expect(type.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_type' });
      expect(writes(await takeRequests(sandbox.url))).toEqual([]);
      expect((await sandboxTask(sandbox.url, id))?.name).toBe('Refactor Login Component');
    });
  });

  describe('task_set_custom_field', () => {
    it('reads the task back and names the person ClickUp left out', async () => {
      const id = await firstTaskOf(w.lists['Incoming Bugs']);
      const envelope = await host.call('task_set_custom_field', {
        task_id: id,
        field_id: 'Reviewer',
        value: [w.sarahId, outsider],
      });
      expect(envelope).toMatchObject({
        ok: true,
        result: { ok: true, field_name: 'Reviewer' },
        issues: [{ code: 'NOT_APPLIED', path: 'value' }],
      });
      expect(envelope.issues[0].message).toContain(`ClickUp kept [${w.sarahId}]`);
      const kept = await host.call('task_set_custom_field', {
        task_id: id,
        field_id: 'Reviewer',
        value: [w.sarahId, w.davidId],
      });
      expect(kept).toMatchObject({ ok: true, issues: [] });
    });
  });

  async function firstTaskOf(listId: string): Promise<string> {
    const { body } = await raw<{ tasks: { id: string }[] }>(sandbox.url, `/list/${listId}/task`);
    return body.tasks[0].id;
  }
});
