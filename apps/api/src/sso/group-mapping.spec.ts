import type { SsoGroupRule } from '@gw/db';
import { groupsOf, mapGroups } from './group-mapping';

const rule = (group: string, role: SsoGroupRule['role'], team_ids: string[] = []): SsoGroupRule => ({
  group,
  role,
  team_ids,
});
const RULES = [
  rule('gw-owners', 'owner'),
  rule('gw-admins', 'admin'),
  rule('support', null, ['team-support']),
  rule('sales', 'member', ['team-sales']),
  rule('auditors', 'auditor'),
];
const person = (groups: string[], email = 'ann@acme.test') => ({ groups, email });

describe('mapGroups', () => {
  it('gives the role of the first matching rule that names one, and the teams of every matching rule', () => {
    expect(mapGroups(RULES, person(['auditors', 'gw-admins', 'support']))).toEqual({
      assigned: true,
      role: 'admin',
      teamIds: ['team-support'],
      managedTeamIds: ['team-support', 'team-sales'],
    });
  });

  it('makes a person matched by team rules only a member', () => {
    expect(mapGroups(RULES, person(['support']))).toMatchObject({ assigned: true, role: 'member' });
  });

  it('assigns nobody whose groups no rule names', () => {
    expect(mapGroups(RULES, person(['marketing']))).toMatchObject({ assigned: false, teamIds: [] });
    expect(mapGroups([], person(['gw-owners']))).toMatchObject({ assigned: false });
  });

  it('matches group names exactly', () => {
    expect(mapGroups(RULES, person(['GW-Admins', 'gw-admins-old'])).assigned).toBe(false);
  });

  it('matches everyone with *, and verified email domains with @domain', () => {
    const rules = [rule('@acme.test', 'admin'), rule('*', 'auditor')];
    expect(mapGroups(rules, person([], 'ann@acme.test')).role).toBe('admin');
    expect(mapGroups(rules, person([], 'bob@other.test')).role).toBe('auditor');
    expect(mapGroups([rule('@acme.test', 'admin')], person([], 'eve@evilacme.test')).assigned).toBe(false);
  });
});

describe('groupsOf', () => {
  it('reads a list or a single string, and nothing else', () => {
    expect(groupsOf({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsOf({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });
});
