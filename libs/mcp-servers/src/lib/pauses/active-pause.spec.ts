import { covers, pauseCovering, pausedMessage, type ActivePause } from './active-pause';

const ORG = 'org-1';
const server = { organizationId: ORG, teamId: 'team-support', connectionId: 'conn-acme' };
const pause = (
  scope: ActivePause['scope'],
  targetId: string,
  extra: Partial<ActivePause> = {},
): ActivePause => ({
  id: `pause-${scope}`,
  organizationId: ORG,
  scope,
  targetId,
  targetName: `${scope} name`,
  reason: 'an agent misbehaves',
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  createdByEmail: 'admin@example.com',
  ...extra,
});

describe('which pause stops a server', () => {
  it('matches the organization, the team or the connection of the server, and nothing of another organization', () => {
    expect(covers(pause('organization', ORG), server)).toBe(true);
    expect(covers(pause('team', 'team-support'), server)).toBe(true);
    expect(covers(pause('team', 'team-sales'), server)).toBe(false);
    expect(covers(pause('connection', 'conn-acme'), server)).toBe(true);
    expect(covers(pause('connection', 'conn-other'), server)).toBe(false);
    expect(covers(pause('organization', 'org-2', { organizationId: 'org-2' }), server)).toBe(false);
    // A server in no team is stopped by no team's pause.
    expect(covers(pause('team', 'team-support'), { ...server, teamId: null })).toBe(false);
  });

  it('names the widest pause when several cover the server', () => {
    const all = [pause('connection', 'conn-acme'), pause('team', 'team-support'), pause('organization', ORG)];
    expect(pauseCovering(all, server)?.scope).toBe('organization');
    expect(pauseCovering(all.slice(0, 2), server)?.scope).toBe('team');
    expect(pauseCovering([pause('team', 'team-sales')], server)).toBeNull();
  });
});

describe('the message of a paused call', () => {
  it('names the scope, its name, when, by whom, why and the pause id', () => {
    expect(pausedMessage(pause('team', 'team-support', { targetName: 'Support' }))).toBe(
      'MCP access of the team "Support" is paused since 2026-01-02T03:04:05.000Z by admin@example.com: ' +
        '"an agent misbehaves" (pause pause-team). Nothing is sent to ClickUp until an owner or admin resumes it.',
    );
  });

  it('quotes what admins typed, and falls back to the id of a target that is gone and to no author', () => {
    const message = pausedMessage(
      pause('connection', 'conn-acme', { targetName: null, createdByEmail: null, reason: 'say "stop"\nnow' }),
    );
    expect(message).toContain(
      'through the ClickUp connection conn-acme is paused since 2026-01-02T03:04:05.000Z:',
    );
    expect(message).toContain('"say \\"stop\\"\\nnow"');
  });
});
