import { ViewsTools } from '@gw/mcp-tools';
import { raw, type AcmeWorld } from './support/acme-world';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface ViewPage {
  items: { id: string; name: string | null; type: string; parent: string; parent_id: string }[];
  next_cursor: null;
  truncated: boolean;
}
interface TaskPage {
  items: { id: string; name: string; status: string | null; list_id: string | null; url: string }[];
  next_cursor: string | null;
  truncated: boolean;
}

describe('view tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  let folderId: string;

  const viewNamed = async (args: Record<string, string>, name: string) => {
    const page = await host.call<ViewPage>('view_list', args);
    const view = page.result?.items.find((v) => v.name === name);
    if (!view) throw new Error(`no view ${name}`);
    return view;
  };

  useToolWorld(
    () => [new ViewsTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeAll(async () => {
    const folders = await raw<{ folders: { id: string; name: string }[] }>(
      sandbox.url,
      `/space/${w.spaces['Engineering']}/folder`,
    );
    folderId = folders.body.folders.find((f) => f.name === 'Product Engineering')?.id ?? '';
  }, 60_000);

  it('lists the views of a list, a folder, a space and the workspace', async () => {
    const list = await host.call<ViewPage>('view_list', { list_id: w.lists['Incoming Bugs'] });
    expect(list).toMatchObject({ ok: true, issues: [], result: { next_cursor: null, truncated: false } });
    expect(list.result?.items.map((v) => [v.name, v.type, v.parent])).toEqual([
      ['List', 'list', 'list'],
      ['Board', 'board', 'list'],
      ['Open bugs', 'list', 'list'],
    ]);
    expect(list.result?.items[0].parent_id).toBe(w.lists['Incoming Bugs']);
    const space = await host.call<ViewPage>('view_list', { space_id: w.spaces['Engineering'] });
    expect(space.result?.items.map((v) => v.type)).toEqual(['board', 'conversation']);
    expect((await host.call<ViewPage>('view_list', { folder_id: folderId })).result?.items).toEqual([]);
    const workspace = await host.call<ViewPage>('view_list', {});
    expect(workspace.result?.items).toEqual([
      expect.objectContaining({ name: 'Everything', parent: 'workspace', parent_id: w.acmeId }),
    ]);
  });

  it('refuses two locations at once, and ids that are not ids', async () => {
    const both = await host.call('view_list', {
      space_id: w.spaces['Engineering'],
      list_id: w.lists['Incoming Bugs'],
    });
    expect(both.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'space_id' });
    expect((await host.call('view_task_list', { view_id: '../x' })).issues[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'view_id',
    });
  });

  it("reads a view's tasks through its own status filter", async () => {
    const open = await viewNamed({ list_id: w.lists['Incoming Bugs'] }, 'Open bugs');
    const page = await host.call<TaskPage>('view_task_list', { view_id: open.id });
    expect(page).toMatchObject({ ok: true, result: { next_cursor: null, truncated: false } });
    expect(page.result?.items.length).toBeGreaterThan(0);
    for (const t of page.result?.items ?? []) {
      expect(['to do', 'in progress']).toContain(t.status);
      expect(t.list_id).toBe(w.lists['Incoming Bugs']);
      expect(t.url).toBe(`https://app.clickup.com/t/${t.id}`);
    }
  });

  it('pages 30 tasks at a time with an opaque cursor', async () => {
    for (let i = 0; i < 31; i++) {
      await raw(sandbox.url, `/list/${w.lists['Incoming Bugs']}/task`, {
        method: 'POST',
        body: { name: `Bug ${i}` },
      });
    }
    const all = await viewNamed({ list_id: w.lists['Incoming Bugs'] }, 'List');
    const first = await host.call<TaskPage>('view_task_list', { view_id: all.id });
    expect(first.result?.items).toHaveLength(30);
    expect(first.result?.truncated).toBe(true);
    const second = await host.call<TaskPage>('view_task_list', {
      view_id: all.id,
      cursor: first.result?.next_cursor,
    });
    expect(second.result?.next_cursor).toBeNull();
    const ids = [...(first.result?.items ?? []), ...(second.result?.items ?? [])].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(31);
    const wrong = await host.call('view_task_list', { view_id: all.id, cursor: 'nope' });
    expect(wrong.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'cursor' });
  });

  it('on a server pinned to Engineering: its views only, and no workspace views', async () => {
    expect((await engHost.call('view_list', {})).issues[0].code).toBe('FORBIDDEN');
    expect((await engHost.call('view_list', { space_id: w.spaces['Marketing'] })).issues[0].code).toBe(
      'FORBIDDEN',
    );
    const everything = await viewNamed({}, 'Everything');
    expect((await engHost.call('view_task_list', { view_id: everything.id })).issues[0].code).toBe(
      'FORBIDDEN',
    );
    const board = await viewNamed({ space_id: w.spaces['Engineering'] }, 'Engineering board');
    const tasks = await engHost.call<TaskPage>('view_task_list', { view_id: board.id });
    expect(tasks.ok).toBe(true);
    expect(tasks.result?.items.length).toBeGreaterThan(0);
    const everythingTasks = await host.call<TaskPage>('view_task_list', { view_id: everything.id });
    expect(everythingTasks.ok).toBe(true);
  });

  it("maps ClickUp's refusals: a chat view's tasks, and an unknown view", async () => {
    const chat = await viewNamed({ space_id: w.spaces['Engineering'] }, 'Engineering chat');
    const tasks = await host.call('view_task_list', { view_id: chat.id });
    expect(tasks).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
    expect(tasks.issues[0].message).toContain('View does not show tasks');
    const unknown = await host.call('view_task_list', { view_id: '3c-999' });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
  });
});
