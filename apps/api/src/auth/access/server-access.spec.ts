import { maySignInToServer, mayUseServer } from './server-access';

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

describe('maySignInToServer', () => {
  const listed = { ...server, config: { sign_in_user_ids: ['ann'], sign_in_team_ids: ['sales'] } };
  const salesTeams = {
    isMember: (userId: string, teamId: string) =>
      Promise.resolve((userId === 'mel' && teamId === 'support') || (userId === 'sal' && teamId === 'sales')),
  };

  it('admits whoever may use the server, and the users and teams an admin listed', async () => {
    expect(await maySignInToServer(as('member'), listed, salesTeams)).toBe(true);
    expect(await maySignInToServer(as('admin', 'a'), listed, salesTeams)).toBe(true);
    expect(await maySignInToServer(as('member', 'ann'), listed, salesTeams)).toBe(true);
    expect(await maySignInToServer(as('member', 'sal'), listed, salesTeams)).toBe(true);
  });

  it('refuses people nobody listed, auditors even when listed, and other organizations', async () => {
    expect(await maySignInToServer(as('member', 'sam'), listed, salesTeams)).toBe(false);
    expect(await maySignInToServer(as('member', 'sam'), { ...server, config: {} }, salesTeams)).toBe(false);
    expect(await maySignInToServer(as('auditor', 'ann'), listed, salesTeams)).toBe(false);
    expect(await maySignInToServer(as('member', 'ann', 'other'), listed, salesTeams)).toBe(false);
  });
});
