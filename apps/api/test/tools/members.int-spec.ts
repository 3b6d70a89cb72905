import { MembersTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

describe('members tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let allowed: ToolHost;
  let acmeId: string;
  let engineering: string;
  let sprintList: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const teams = (await (
      await fetch(`${sandbox.url}/api/v2/team`, { headers: { authorization: 'pk_sandbox_owner' } })
    ).json()) as {
      teams: { id: string; name: string }[];
    };
    acmeId = teams.teams.find((t) => t.name === 'Acme Corp')?.id as string;
    const get = async <T>(path: string) =>
      (await (
        await fetch(`${sandbox.url}/api/v2${path}`, { headers: { authorization: 'pk_sandbox_owner' } })
      ).json()) as T;
    const { spaces } = await get<{ spaces: { id: string; name: string }[] }>(`/team/${acmeId}/space`);
    engineering = spaces.find((s) => s.name === 'Engineering')?.id as string;
    const { lists } = await get<{ lists: { id: string; name: string }[] }>(`/space/${engineering}/list`);
    sprintList = lists[0]?.id as string;
    const common = {
      catalog: new ToolCatalog([new MembersTools()]),
      sandboxUrl: sandbox.url,
      workspaceId: acmeId,
    };
    host = await startToolHost(common);
    pinned = await startToolHost({ ...common, spaceIds: [engineering] });
    allowed = await startToolHost({ ...common, spaceIds: [engineering], allowWorkspaceObjects: true });
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await pinned?.close();
    await allowed?.close();
    await sandbox?.stop();
  });

  it('lists the workspace members with ids an agent can assign', async () => {
    const envelope = await host.call<{ items: { username: string; id: number }[] }>('member_list');
    expect(envelope.ok).toBe(true);
    const names = envelope.result?.items.map((m) => m.username);
    expect(names).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Sarah/), expect.stringMatching(/^David/)]),
    );
    expect(envelope.result?.items.every((m) => Number.isInteger(m.id))).toBe(true);
  });

  it('shows a pinned server only the people of a list or task in its spaces, unless allowed the workspace', async () => {
    const everyone = await pinned.call('member_list');
    expect(everyone).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
    expect(everyone.issues[0].message).toContain('list_id or task_id');
    expect(JSON.stringify(everyone)).not.toMatch(/@acme/);
    const ofList = await pinned.call<{ items: { id: number }[] }>('member_list', { list_id: sprintList });
    expect(ofList.ok).toBe(true);
    const whole = await allowed.call<{ items: { id: number }[] }>('member_list');
    expect(whole.ok).toBe(true);
    expect(whole.result?.items.length).toBeGreaterThan(0);
  });

  it('says who the server acts as', async () => {
    const envelope = await host.call<{ id: number; username: string }>('user_me');
    expect(envelope).toMatchObject({ ok: true, issues: [] });
    expect(envelope.result?.id).toEqual(expect.any(Number));
  });

  it('refuses list_id and task_id together, naming the field', async () => {
    const envelope = await host.call('member_list', { list_id: '1', task_id: 'x' });
    expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'list_id' }] });
  });

  it('answers an unknown argument type as a VALIDATION_ERROR tool result, not a protocol error', async () => {
    const envelope = await host.call('member_list', { list_id: 42 });
    expect(envelope.ok).toBe(false);
    expect(envelope.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'list_id' });
  });
});
