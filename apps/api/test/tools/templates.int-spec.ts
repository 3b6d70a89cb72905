import { TemplatesTools } from '@gw/mcp-tools';
import { raw, sandboxTask, type AcmeWorld } from './support/acme-world';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface TemplatePage {
  items: { id: string; name: string | null }[];
  next_cursor: string | null;
  truncated: boolean;
}
interface Created {
  id: string;
  url: string;
}

describe('template tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  let folderId: string;
  let bugReport: string;
  let sprint: string;

  useToolWorld(
    () => [new TemplatesTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeAll(async () => {
    const folders = await raw<{ folders: { id: string; name: string }[] }>(
      sandbox.url,
      `/space/${w.spaces['Engineering']}/folder`,
    );
    folderId = folders.body.folders.find((f) => f.name === 'Product Engineering')?.id ?? '';
    bugReport = (await host.call<TemplatePage>('template_list', {})).result?.items[0].id ?? '';
    sprint = (await host.call<TemplatePage>('template_list', { kind: 'list' })).result?.items[0].id ?? '';
  }, 60_000);

  it('lists task templates by default, and list templates on request', async () => {
    const tasks = await host.call<TemplatePage>('template_list', {});
    expect(tasks).toMatchObject({
      ok: true,
      result: { items: [{ id: bugReport, name: 'Bug report' }], next_cursor: null, truncated: false },
    });
    const lists = await host.call<TemplatePage>('template_list', { kind: 'list' });
    expect(lists.result?.items).toEqual([{ id: sprint, name: 'Sprint' }]);
    expect((await host.call('template_list', { kind: 'folder' })).issues[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'kind',
    });
  });

  it('creates a task from the Bug report template with its description, tag and checklist', async () => {
    const made = await host.call<Created>('task_create_from_template', {
      list_id: w.lists['Incoming Bugs'],
      template_id: bugReport,
      name: 'Export crashes on save',
    });
    expect(made).toMatchObject({ ok: true, issues: [] });
    expect(made.result?.url).toBe(`https://app.clickup.com/t/${made.result?.id}`);
    const task = await sandboxTask(sandbox.url, made.result?.id ?? '');
    expect(task).toMatchObject({ name: 'Export crashes on save', list: { id: w.lists['Incoming Bugs'] } });
    expect(task?.tags.map((t) => t.name)).toEqual(['bug']);
    expect(task?.markdown_description).toContain('Steps to reproduce');
  });

  it('creates a list from the Sprint template in a folder and in a space, with its tasks', async () => {
    const inFolder = await host.call<Created>('list_create_from_template', {
      folder_id: folderId,
      template_id: sprint,
      name: 'Sprint 43',
    });
    expect(inFolder).toMatchObject({ ok: true });
    const tasks = await raw<{ tasks: { name: string }[] }>(sandbox.url, `/list/${inFolder.result?.id}/task`);
    expect(tasks.body.tasks.map((t) => t.name).sort()).toEqual([
      'Retrospective',
      'Sprint planning',
      'Sprint review',
    ]);
    const inSpace = await engHost.call<Created>('list_create_from_template', {
      space_id: w.spaces['Engineering'],
      template_id: sprint,
      name: 'Sprint 44',
    });
    expect(inSpace.ok).toBe(true);
    const list = await raw<{ name: string; space: { id: string } }>(
      sandbox.url,
      `/list/${inSpace.result?.id}`,
    );
    expect(list.body).toMatchObject({ name: 'Sprint 44', space: { id: w.spaces['Engineering'] } });
  });

  it('validates the location and the name before any request', async () => {
    const both = await host.call('list_create_from_template', {
      folder_id: folderId,
      space_id: w.spaces['Engineering'],
      template_id: sprint,
      name: 'X',
    });
    expect(both.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'folder_id' });
    const none = await host.call('list_create_from_template', { template_id: sprint, name: 'X' });
    expect(none.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'folder_id' });
    const blank = await host.call('task_create_from_template', {
      list_id: w.lists['Incoming Bugs'],
      template_id: bugReport,
      name: '  ',
    });
    expect(blank.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'name' });
  });

  it("maps ClickUp's answers: an unknown template, a taken list name", async () => {
    const unknown = await host.call('task_create_from_template', {
      list_id: w.lists['Incoming Bugs'],
      template_id: 't-0',
      name: 'X',
    });
    expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
    const taken = await host.call('list_create_from_template', {
      folder_id: folderId,
      template_id: sprint,
      name: 'Sprint 42',
    });
    expect(taken).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
  });

  it('on a server pinned to Engineering: no template library, no other space', async () => {
    expect((await engHost.call('template_list', {})).issues[0].code).toBe('FORBIDDEN');
    const marketing = await engHost.call('task_create_from_template', {
      list_id: w.lists['Q3 Marketing Launch'],
      template_id: bugReport,
      name: 'X',
    });
    expect(marketing.issues[0].code).toBe('FORBIDDEN');
    const globex = await host.call('task_create_from_template', {
      list_id: w.globexListId,
      template_id: bugReport,
      name: 'X',
    });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.issues[0]?.code);
    const ok = await engHost.call('task_create_from_template', {
      list_id: w.lists['Incoming Bugs'],
      template_id: bugReport,
      name: 'Pinned bug',
    });
    expect(ok.ok).toBe(true);
  });
});
