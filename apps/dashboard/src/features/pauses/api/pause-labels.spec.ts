import { pauseHeadline, scopeLabel } from './pause-labels';
import type { Pause } from './pauses.types';

const pause = (scope: Pause['scope'], name: string | null): Pause => ({
  id: 'p1',
  scope,
  target: { id: 't1', name },
  reason: 'an agent deletes tasks',
  created_by: { user_id: 'u1', email: 'admin@example.com' },
  created_at: '2026-01-02T03:04:05.000Z',
  resumed_at: null,
  resumed_by: null,
  resume_reason: null,
  queued: 'held',
});

describe('how a pause is named', () => {
  it('names the scope and its target', () => {
    expect(pauseHeadline(pause('organization', 'Acme'))).toBe(
      'MCP access of the organization “Acme” is paused',
    );
    expect(pauseHeadline(pause('team', 'Support'))).toBe('MCP access of the team “Support” is paused');
    expect(scopeLabel('connection', 'Sandbox workspace')).toBe('the connection “Sandbox workspace”');
  });

  it('says so when the paused team or connection is gone', () => {
    expect(scopeLabel('team', null)).toBe('a team that no longer exists');
    expect(scopeLabel('organization', null)).toBe('the organization');
  });
});
