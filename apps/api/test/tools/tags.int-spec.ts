import { TagsTools, TasksTools, ToolCatalog } from '@gw/mcp-tools';
import { loadAcmeWorld, resetSandbox, type AcmeWorld } from './support/acme-world';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

interface TagPage {
  items: { name: string; fg: string | null; bg: string | null }[];
  next_cursor: null;
  truncated: boolean;
}

describe('tag_list against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;

  beforeAll(async () => {
    sandbox = await startSandbox();
    w = await loadAcmeWorld(sandbox.url);
    const catalog = new ToolCatalog([new TagsTools(), new TasksTools()]);
    host = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: w.acmeId });
    engHost = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: w.acmeId,
      spaceIds: [w.spaces['Engineering']],
    });
    // Listing first makes the SDK client check every structured result against the tool's outputSchema.
    await host.listTools();
    await engHost.listTools();
  }, 60_000);
  beforeEach(() => resetSandbox(sandbox.url));
  afterAll(async () => {
    await host?.close();
    await engHost?.close();
    await sandbox?.stop();
  });

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
});
