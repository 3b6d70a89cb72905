import { mayUseServer } from './server-access';

const server = { organizationId: 'org', teamId: 'support' };
const teams = {
  isMember: (userId: string, teamId: string) => Promise.resolve(userId === 'mel' && teamId === 'support'),
};
const as = (
  role: 'owner' | 'admin' | 'auditor' | 'member',
  userId: string | null = 'mel',
  organizationId = 'org',
) => ({
  role,
  userId,
  organizationId,
});

describe('mayUseServer', () => {
  it('lets the owner, admins and members of the server’s team use it', async () => {
    expect(await mayUseServer(as('owner', 'o'), server, teams)).toBe(true);
    expect(await mayUseServer(as('admin', 'a'), server, teams)).toBe(true);
    expect(await mayUseServer(as('member'), server, teams)).toBe(true);
  });

  it('refuses auditors, other teams’ members, members on a team-less server and other organizations', async () => {
    expect(await mayUseServer(as('auditor'), server, teams)).toBe(false);
    expect(await mayUseServer(as('member', 'sam'), server, teams)).toBe(false);
    expect(await mayUseServer(as('member', null), server, teams)).toBe(false);
    expect(await mayUseServer(as('member'), { ...server, teamId: null }, teams)).toBe(false);
    expect(await mayUseServer(as('owner', 'o', 'other'), server, teams)).toBe(false);
  });
});
