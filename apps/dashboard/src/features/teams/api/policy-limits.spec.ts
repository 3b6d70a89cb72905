import { expiryAllowed, methodAllowed, policyProblems, tagAllowed } from './policy-limits';
import type { TeamPolicy } from './teams.types';

const policy: TeamPolicy = {
  team_id: 't',
  is_default: false,
  connection_ids: [],
  workspace_ids: ['w1'],
  tags: ['tasks'],
  methods: ['read'],
  require_space_pinning: true,
  require_api_token_auth: true,
  max_expiry_days: 7,
  granted_connection_ids: ['c1'],
  usable_connection_ids: ['c1'],
  updated_at: null,
};
const NOW = new Date('2026-12-01T00:00:00Z');
const within = {
  connectionId: 'c1',
  workspaceId: 'w1',
  spaceIds: ['s1'],
  methods: ['read'],
  tags: ['tasks'],
  requireApiToken: true,
  expiresAt: '2026-12-05T00:00:00Z',
};

describe('policy limits', () => {
  it('offers only the options the policy allows', () => {
    expect([methodAllowed(policy, 'read'), methodAllowed(policy, 'write')]).toEqual([true, false]);
    expect([tagAllowed(policy, 'tasks'), tagAllowed(policy, 'docs'), tagAllowed(undefined, 'docs')]).toEqual([
      true,
      false,
      true,
    ]);
    expect([expiryAllowed(policy, 7), expiryAllowed(policy, 30), expiryAllowed(policy, null)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('explains each way a draft exceeds the policy', () => {
    expect(policyProblems(policy, within, NOW)).toEqual([]);
    const wide = {
      connectionId: 'c2',
      workspaceId: 'w2',
      spaceIds: [],
      methods: [],
      tags: [],
      requireApiToken: false,
      expiresAt: null,
    };
    expect(policyProblems(policy, wide, NOW)).toHaveLength(7);
  });
});
