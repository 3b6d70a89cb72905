import { CustomFieldsTools, TasksTools } from '@gw/mcp-tools';
import { sandboxTask, type AcmeWorld } from './support/acme-world';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface FieldItem {
  id: string;
  name: string;
  type: string;
  required: boolean;
  options?: { id: string; name: string }[];
}
interface FieldPage {
  items: FieldItem[];
  next_cursor: null;
  truncated: boolean;
}

describe('custom_field_list against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;

  useToolWorld(
    () => [new CustomFieldsTools(), new TasksTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );

  it("lists a list's fields, space-level ones included, with drop-down option ids and names", async () => {
    const envelope = await host.call<FieldPage>('custom_field_list', { list_id: w.lists['Sprint 42'] });
    expect(envelope).toMatchObject({ ok: true, issues: [], result: { next_cursor: null, truncated: false } });
    const byName = Object.fromEntries((envelope.result as FieldPage).items.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['Component', 'Release Notes', 'Sprint Goal', 'Story Points']);
    expect(byName['Component']).toMatchObject({ type: 'drop_down', required: false });
    expect(byName['Component'].options?.map((o) => o.name)).toEqual([
      'Frontend',
      'Backend',
      'Infrastructure',
    ]);
    expect(byName['Component'].options?.every((o) => /\S/.test(o.id))).toBe(true);
    expect(byName['Story Points']).toEqual({
      id: expect.any(String),
      name: 'Story Points',
      type: 'number',
      required: false,
    });
  });

  it('gives option ids that task_set_custom_field accepts', async () => {
    const fields = await host.call<FieldPage>('custom_field_list', { list_id: w.lists['Incoming Bugs'] });
    const component = fields.result?.items.find((f) => f.name === 'Component') as FieldItem;
    const infra = component.options?.find((o) => o.name === 'Infrastructure')?.id;
    const bug = w.tasks['Database connection pool exhausted under load'];
    const set = await host.call('task_set_custom_field', {
      task_id: bug,
      field_id: component.id,
      value: infra,
    });
    expect(set).toMatchObject({ ok: true, result: { value: 'Infrastructure' } });
    const stored = (await sandboxTask(sandbox.url, bug))?.custom_fields.find((f) => f.id === component.id);
    expect(stored?.value).toBe(2);
  });

  it('lists currency fields of Customer Success Q3 without the Engineering space fields', async () => {
    const envelope = await host.call<FieldPage>('custom_field_list', {
      list_id: w.lists['Customer Success Q3'],
    });
    expect(envelope.result?.items.map((f) => [f.name, f.type])).toEqual([['ARR', 'currency']]);
  });

  it('refuses lists out of scope, of another workspace, unknown, or a missing list_id', async () => {
    const cs = await engHost.call('custom_field_list', { list_id: w.lists['Customer Success Q3'] });
    expect(cs).toMatchObject({ ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] });
    expect((await engHost.call('custom_field_list', { list_id: w.lists['Sprint 42'] })).ok).toBe(true);
    const globex = await host.call('custom_field_list', { list_id: w.globexListId });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.issues[0]?.code);
    const unknown = await host.call('custom_field_list', { list_id: '999999999' });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
    const missing = await host.call('custom_field_list', {});
    expect(missing.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'list_id' });
  });
});
