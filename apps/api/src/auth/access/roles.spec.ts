import { canGrant, isManager, tokenRoleUnder } from './roles';

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

  it('caps an API token at what its creator holds now, or stops it when the roles do not nest', () => {
    expect(tokenRoleUnder('owner', 'admin')).toBe('admin');
    expect(tokenRoleUnder('member', 'admin')).toBe('member');
    expect(tokenRoleUnder('admin', 'owner')).toBe('admin');
    expect(tokenRoleUnder('auditor', 'admin')).toBe('auditor');
    expect(tokenRoleUnder('auditor', 'member')).toBeNull();
    expect(tokenRoleUnder('member', 'auditor')).toBeNull();
  });
});
