import { TagsTools, TasksTools } from '@gw/mcp-tools';
import { type AcmeWorld } from './support/acme-world';
import { type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface TagPage {
  items: { name: string; fg: string | null; bg: string | null }[];
  next_cursor: null;
  truncated: boolean;
}

describe('space tags against the sandbox', () => {
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;

  useToolWorld(
    () => [new TagsTools(), new TasksTools()],
    (world) => ({ w, host, engHost } = world),
  );

  it("lists a space's tags with their colours", async () => {
    const envelope = await host.call<TagPage>('tag_list', { space_id: w.spaces['Engineering'] });
    expect(envelope).toMatchObject({ ok: true, issues: [], result: { next_cursor: null, truncated: false } });
    expect(envelope.result?.items.map((t) => t.name)).toEqual([
      'bug',
      'frontend',
      'backend',
      'tech-debt',
      'security',
    ]);
    expect(envelope.result?.items[0]).toEqual({ name: 'bug', fg: '#ffffff', bg: '#e50000' });
  });

  it('shows a tag that task_add_tag created in the space', async () => {
    const added = await host.call('task_add_tag', {
      task_id: w.tasks['Draft launch blog post'],
      tag: 'press',
    });
    expect(added.ok).toBe(true);
    const envelope = await host.call<TagPage>('tag_list', { space_id: w.spaces['Marketing'] });
    expect(envelope.result?.items.map((t) => t.name)).toEqual(['launch', 'social', 'press']);
  });

  it('refuses spaces out of scope, of another workspace, and bad arguments', async () => {
    const marketing = await engHost.call('tag_list', { space_id: w.spaces['Marketing'] });
    expect(marketing).toMatchObject({ ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] });
    expect(
      (await engHost.call<TagPage>('tag_list', { space_id: w.spaces['Engineering'] })).result?.items,
    ).toHaveLength(5);
    const globex = await host.call('tag_list', { space_id: w.globexSpaceId });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.issues[0]?.code);
    const wrongType = await host.call('tag_list', { space_id: 42 });
    expect(wrongType.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'space_id' });
  });

  const tagsOf = async (space: string) =>
    (await host.call<TagPage>('tag_list', { space_id: space })).result?.items ?? [];

  it('creates a tag with default or given colours, and refuses one the space has', async () => {
    const eng = w.spaces['Engineering'];
    const created = await host.call('tag_create', { space_id: eng, name: 'perf' });
    expect(created).toMatchObject({ ok: true, result: { name: 'perf', fg: '#ffffff', bg: '#7b68ee' } });
    const coloured = await host.call('tag_create', { space_id: eng, name: 'ux', color: '#e50000' });
    expect(coloured.result).toEqual({ name: 'ux', fg: '#ffffff', bg: '#e50000' });
    expect((await tagsOf(eng)).slice(-2)).toEqual([
      { name: 'perf', fg: '#ffffff', bg: '#7b68ee' },
      { name: 'ux', fg: '#ffffff', bg: '#e50000' },
    ]);
    const again = await host.call('tag_create', { space_id: eng, name: 'Bug' });
    expect(again.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'name' });
    const badColour = await host.call('tag_create', { space_id: eng, name: 'x', color: 'red' });
    expect(badColour.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'color' });
    expect(badColour.issues[0]?.message).toContain('#7b68ee');
  });

  it('renames and recolours a tag, keeping it on its tasks, and a name with spaces travels encoded', async () => {
    const eng = w.spaces['Engineering'];
    const renamed = await host.call('tag_update', { space_id: eng, name: 'BUG', new_name: 'defect' });
    expect(renamed).toMatchObject({ ok: true, result: { name: 'defect', fg: '#ffffff', bg: '#e50000' } });
    const names = (await tagsOf(eng)).map((t) => t.name);
    expect(names).toContain('defect');
    expect(names).not.toContain('bug');
    const task = await host.call<{ tags: string[] }>('task_get', {
      task_id: w.tasks['Checkout button misaligned on mobile Safari'],
    });
    expect(task.result?.tags).toEqual(['defect']);

    await host.call('tag_create', { space_id: eng, name: 'needs review / qa' });
    const recoloured = await host.call('tag_update', {
      space_id: eng,
      name: 'needs review / qa',
      color: '#00ff00',
    });
    expect(recoloured.result).toEqual({ name: 'needs review / qa', fg: '#ffffff', bg: '#00ff00' });

    const nothing = await host.call('tag_update', { space_id: eng, name: 'defect' });
    expect(nothing.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'new_name' });
    const missing = await host.call('tag_update', { space_id: eng, name: 'nope', color: '#000000' });
    expect(missing.issues[0]).toMatchObject({ code: 'NOT_FOUND' });
    const clash = await host.call('tag_update', { space_id: eng, name: 'defect', new_name: 'frontend' });
    expect(clash.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'new_name' });
  });

  it('deletes a tag from the space and its tasks', async () => {
    const eng = w.spaces['Engineering'];
    const deleted = await host.call('tag_delete', { space_id: eng, name: 'security' });
    expect(deleted).toMatchObject({ ok: true, result: { name: 'security', deleted: true } });
    expect((await tagsOf(eng)).map((t) => t.name)).not.toContain('security');
    const twice = await host.call('tag_delete', { space_id: eng, name: 'security' });
    expect(twice.issues[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses tag writes in a space outside a pinned server', async () => {
    const marketing = w.spaces['Marketing'];
    for (const [tool, args] of [
      ['tag_create', { space_id: marketing, name: 'x' }],
      ['tag_update', { space_id: marketing, name: 'launch', color: '#000000' }],
      ['tag_delete', { space_id: marketing, name: 'launch' }],
    ] as const) {
      const refused = await engHost.call(tool, args);
      expect({ tool, refused }).toMatchObject({
        tool,
        refused: { ok: false, issues: [{ code: 'FORBIDDEN' }] },
      });
    }
    expect((await tagsOf(marketing)).map((t) => t.name)).toContain('launch');
  });
});
