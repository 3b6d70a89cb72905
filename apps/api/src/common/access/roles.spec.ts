import { canGrant, isManager } from './roles';

describe('roles', () => {
  it('lets owners and admins manage the organization, no one else', () => {
    expect([isManager({ role: 'owner' }), isManager({ role: 'admin' })]).toEqual([true, true]);
    expect([isManager({ role: 'auditor' }), isManager({ role: 'member' })]).toEqual([false, false]);
  });

  it('never grants more than the granter holds', () => {
    expect(canGrant('owner', 'owner')).toBe(true);
    expect(canGrant('admin', 'owner')).toBe(false);
    expect(canGrant('admin', 'member')).toBe(true);
    expect(canGrant('auditor', 'member')).toBe(false);
    expect(canGrant('member', 'auditor')).toBe(false);
    expect(canGrant('member', 'member')).toBe(true);
  });
});
