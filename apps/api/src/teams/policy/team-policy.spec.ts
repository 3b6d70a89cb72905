import {
  DEFAULT_TEAM_POLICY,
  policyViolations,
  type ServerReach,
  type TeamPolicy,
  usableConnectionIds,
} from './team-policy';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const open: TeamPolicy = { ...DEFAULT_TEAM_POLICY, methods: [] };
const server: ServerReach = {
  connectionId: 'c1',
  workspaceId: 'w1',
  spaceIds: [],
  methods: [],
  tags: [],
  requireApiTokenAuth: false,
  expiresAt: null,
};
const fields = (policy: TeamPolicy, reach: Partial<ServerReach>, granted = ['c1']) =>
  policyViolations(policy, granted, { ...server, ...reach }, NOW).map((v) => v.field);

describe('team policy', () => {
  it('allows nothing on a connection the team was not granted', () => {
    expect(fields(open, {}, [])).toEqual(['connection_id']);
    expect(fields({ ...open, connectionIds: ['c2'] }, {})).toEqual(['connection_id']);
    expect(fields({ ...open, connectionIds: ['c1'] }, {})).toEqual([]);
  });

  it('lets a team without a policy build read-only servers', () => {
    expect(fields(DEFAULT_TEAM_POLICY, {})).toEqual(['methods']);
    expect(fields(DEFAULT_TEAM_POLICY, { methods: ['read'] })).toEqual([]);
    expect(fields(DEFAULT_TEAM_POLICY, { methods: ['get', 'list'] })).toEqual([]);
    expect(fields(DEFAULT_TEAM_POLICY, { methods: ['list'] })).toEqual([]);
    expect(fields(DEFAULT_TEAM_POLICY, { methods: ['read', 'create'] })).toEqual(['methods']);
    expect(fields(DEFAULT_TEAM_POLICY, { methods: ['custom'] })).toEqual(['methods']);
  });

  it('takes an empty method or tag list as everything, wider than any listed subset', () => {
    const narrow = { ...open, methods: ['read', 'write'], tags: ['tasks', 'comments'] };
    expect(fields(narrow, { methods: [], tags: ['tasks'] })).toEqual(['methods']);
    expect(fields(narrow, { methods: ['write'], tags: [] })).toEqual(['tags']);
    expect(fields(narrow, { methods: ['get', 'delete'], tags: ['comments'] })).toEqual([]);
    expect(fields({ ...open, methods: ['read', 'write', 'custom'] }, { methods: [] })).toEqual([]);
  });

  it('holds workspaces, pinning, the second factor and the expiry', () => {
    const strict: TeamPolicy = {
      ...open,
      workspaceIds: ['w2'],
      requireSpacePinning: true,
      requireApiTokenAuth: true,
      maxExpiryDays: 7,
    };
    expect(fields(strict, {})).toEqual(['workspace_id', 'space_ids', 'require_api_token_auth', 'expires_at']);
    expect(fields(strict, { expiresAt: new Date(NOW.getTime() + 8 * DAY) })).toContain('expires_at');
    expect(
      fields(strict, {
        workspaceId: 'w2',
        spaceIds: ['s1'],
        requireApiTokenAuth: true,
        expiresAt: new Date(NOW.getTime() + 7 * DAY),
      }),
    ).toEqual([]);
  });

  it('takes sign-in as the identification the second factor asks for, but not beside a secret URL', () => {
    const strict: TeamPolicy = { ...open, requireApiTokenAuth: true };
    expect(fields(strict, { accessMode: 'sign_in' })).toEqual([]);
    expect(fields(strict, { accessMode: 'url_and_sign_in' })).toEqual(['require_api_token_auth']);
    expect(fields(strict, { accessMode: 'url_and_sign_in', requireApiTokenAuth: true })).toEqual([]);
    expect(fields(strict, { accessMode: 'url' })).toEqual(['require_api_token_auth']);
  });

  it('offers the granted connections its list allows', () => {
    expect(usableConnectionIds(open, ['c1', 'c2'])).toEqual(['c1', 'c2']);
    expect(usableConnectionIds({ ...open, connectionIds: ['c2', 'c3'] }, ['c1', 'c2'])).toEqual(['c2']);
  });
});
