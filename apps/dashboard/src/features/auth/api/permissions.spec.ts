import { can, grantableRoles } from './permissions';

describe('can', () => {
  it('lets an auditor read the audit log and the queue but change nothing', () => {
    expect(can('auditor', 'audit:read')).toBe(true);
    expect(can('auditor', 'queue:read')).toBe(true);
    expect(can('auditor', 'servers:manage')).toBe(false);
    expect(can('auditor', 'connections:manage')).toBe(false);
    expect(can('auditor', 'queue:manage')).toBe(false);
  });

  it('lets a member manage servers but not read the audit log', () => {
    expect(can('member', 'servers:manage')).toBe(true);
    expect(can('member', 'audit:read')).toBe(false);
  });

  it('refuses everything without a session', () => {
    expect(can(undefined, 'audit:read')).toBe(false);
  });
});

describe('grantableRoles', () => {
  it('never offers a role above the granter', () => {
    expect(grantableRoles('admin')).not.toContain('owner');
    expect(grantableRoles('member')).toEqual(['member']);
  });
});
