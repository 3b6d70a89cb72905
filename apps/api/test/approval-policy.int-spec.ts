import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface ApprovalPolicy {
  mode: string;
  tools: string[];
  approvers: { team_id: string | null; user_ids: string[] } | null;
  second_approver_tools: string[];
  min_tasks: number | null;
  ttl_minutes: number;
}
interface Server {
  id: string;
  config: { approval: ApprovalPolicy };
}
interface Refusal {
  statusCode: number;
  message: string | string[];
}

const PASSWORD = 'a-long-enough-password-42';
const OPEN_POLICY = {
  connection_ids: [],
  workspace_ids: [],
  tags: [],
  methods: [],
  require_space_pinning: false,
  require_api_token_auth: false,
  max_expiry_days: null,
};

/**
 * A server's approval policy in the REST API (`config.approval`): what is accepted, the clear 400s for what is not,
 * the defaults it is shown with, a team policy's default for the team's new servers, and who may change it.
 */
describe('the approval policy of an MCP server', () => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  let owner: ApiClient;
  let member: ApiClient;
  let connectionId: string;
  const ids = { team: '', member: '', stranger: '00000000-0000-4000-8000-000000000000' };

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    api = await ApiUnderTest.start(sandbox);
    owner = await api.signIn();
    ids.member = (
      await owner.post<{ id: string }>('/api/v1/users', {
        email: 'member@example.com',
        name: 'Member',
        role: 'member',
        password: PASSWORD,
      })
    ).body.id;
    member = await api.signIn('member@example.com', PASSWORD);
    ids.team = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Support' })).body.id;
    await owner.post(`/api/v1/teams/${ids.team}/members`, { user_id: ids.member });
    connectionId = (
      await owner.post<{ id: string }>('/api/v1/connections', {
        name: 'Acme',
        type: 'personal_token',
        token: OWNER_TOKEN,
      })
    ).body.id;
    await owner.put(`/api/v1/connections/${connectionId}/teams`, { team_ids: [ids.team] });
    await owner.put(`/api/v1/teams/${ids.team}/policy`, OPEN_POLICY);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  const create = (approval: unknown, client = owner, extra: Record<string, unknown> = {}) =>
    client.post<Server & Refusal>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Policy server',
      workspace_id: sandbox.acme.id,
      team_id: ids.team,
      ...(approval === undefined ? {} : { config: { approval } }),
      ...extra,
    });
  const refusal = async (approval: unknown) => {
    const res = await create(approval);
    expect(res.status).toBe(400);
    return ([] as string[]).concat(res.body.message).join(' | ');
  };

  it('is shown with its defaults, and as mode none on a server without one', async () => {
    const plain = await create(undefined);
    expect(plain.body.config.approval).toEqual({
      mode: 'none',
      tools: [],
      approvers: null,
      second_approver_tools: [],
      min_tasks: null,
      ttl_minutes: 60,
    });
    const full = await create({
      mode: 'destructive',
      tools: ['task_update'],
      approvers: { team_id: ids.team, user_ids: [ids.member] },
      second_approver_tools: ['space_delete'],
      min_tasks: 5,
      ttl_minutes: 120,
    });
    expect(full.status).toBe(201);
    expect(full.body.config.approval).toEqual({
      mode: 'destructive',
      tools: ['task_update'],
      approvers: { team_id: ids.team, user_ids: [ids.member] },
      second_approver_tools: ['space_delete'],
      min_tasks: 5,
      ttl_minutes: 120,
    });
    expect((await owner.get<Server>(`/api/v1/mcp-servers/${full.body.id}`)).body.config.approval.mode).toBe(
      'destructive',
    );
  });

  it('refuses what cannot work, saying what is wrong', async () => {
    expect(await refusal({ mode: 'everything' })).toContain(
      'config.approval.mode must be one of none, destructive, writes, tools',
    );
    expect(await refusal({ mode: 'tools' })).toContain('mode "tools" needs the tools that wait');
    expect(await refusal({ mode: 'tools', tools: ['task_nuke'] })).toContain(
      'config.approval names no tool: task_nuke',
    );
    expect(await refusal({ mode: 'tools', tools: ['approval_get'] })).toContain('cannot hold approval_get');
    expect(await refusal({ mode: 'destructive', second_approver_tools: ['task_update'] })).toContain(
      'second_approver_tools names tools that do not wait under mode "destructive": task_update',
    );
    expect(await refusal({ mode: 'writes', approvers: { team_id: ids.stranger } })).toContain(
      'config.approval.approvers.team_id names no team of this organization',
    );
    expect(await refusal({ mode: 'writes', approvers: { user_ids: [ids.stranger] } })).toContain(
      `config.approval.approvers.user_ids names no user of this organization: ${ids.stranger}`,
    );
    expect(await refusal({ mode: 'writes', approvers: { user_ids: ['mel'] } })).toContain(
      'config.approval.approvers.user_ids must hold user ids',
    );
    for (const ttl of [0, 10_081, 1.5]) {
      expect(await refusal({ mode: 'writes', ttl_minutes: ttl })).toContain(
        'config.approval.ttl_minutes must be whole minutes from 1 to 10080',
      );
    }
    expect(await refusal({ mode: 'writes', min_tasks: 0 })).toContain('config.approval.min_tasks must be');
    expect(await refusal({ mode: 'writes', tools: ['task_update'] })).toContain('not used in mode "writes"');
  });

  it('gives a new server of a team its team policy’s default, unless the body names one', async () => {
    const put = await owner.put<{ approval: ApprovalPolicy | null } & Refusal>(
      `/api/v1/teams/${ids.team}/policy`,
      {
        ...OPEN_POLICY,
        approval: { mode: 'writes', ttl_minutes: 30 },
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.approval).toMatchObject({ mode: 'writes', ttl_minutes: 30 });
    // A PUT that leaves approval out keeps it.
    await owner.put(`/api/v1/teams/${ids.team}/policy`, OPEN_POLICY);
    expect((await create(undefined)).body.config.approval).toMatchObject({ mode: 'writes', ttl_minutes: 30 });
    expect((await create({ mode: 'none' })).body.config.approval.mode).toBe('none');
    // A server of no team has no team default.
    expect((await create(undefined, owner, { team_id: undefined })).body.config.approval.mode).toBe('none');
    const bad = await owner.put<Refusal>(`/api/v1/teams/${ids.team}/policy`, {
      ...OPEN_POLICY,
      approval: { mode: 'tools' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('approval.mode "tools" needs the tools that wait');
    await owner.put(`/api/v1/teams/${ids.team}/policy`, { ...OPEN_POLICY, approval: null });
    expect((await create(undefined)).body.config.approval.mode).toBe('none');
  });

  it('lets a member set a policy where there is none, but only owners and admins change one once set', async () => {
    const mine = await create({ mode: 'destructive' }, member);
    expect(mine.status).toBe(201);
    const loosen = await member.patch<Refusal>(`/api/v1/mcp-servers/${mine.body.id}`, {
      config: { approval: { mode: 'none' } },
    });
    expect(loosen.status).toBe(403);
    expect(loosen.body.message).toContain('Only owners and admins may change an approval policy once set');
    // Other changes leave the policy as it is, and are allowed.
    expect((await member.patch(`/api/v1/mcp-servers/${mine.body.id}`, { name: 'Renamed' })).status).toBe(200);
    const byOwner = await owner.patch<Server>(`/api/v1/mcp-servers/${mine.body.id}`, {
      config: { approval: { mode: 'none' } },
    });
    expect(byOwner.body.config.approval.mode).toBe('none');
    const again = await member.patch<Server>(`/api/v1/mcp-servers/${mine.body.id}`, {
      config: { approval: { mode: 'writes' } },
    });
    expect(again.status).toBe(200);
    expect(again.body.config.approval.mode).toBe('writes');
  });
});
