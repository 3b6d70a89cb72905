import { defined } from '../../test/helpers';
import type { Principal } from '../auth/principal';
import { seed } from '../seed';

describe('workspace visibility', () => {
  const store = seed(Date.now());
  const owner = defined(store.usersByKey.get('owner'));
  const guest = defined(store.usersByKey.get('guest'));
  const [acme, globex] = [...store.workspaces.keys()];

  it('lets personal tokens see every workspace of their user, and no other', () => {
    const p: Principal = { user: owner, kind: 'personal', grantedWorkspaceIds: null };
    expect(store.canSeeWorkspace(p, acme)).toBe(true);
    expect(store.canSeeWorkspace(p, globex)).toBe(false);
  });

  it('limits OAuth tokens to the workspaces granted on the consent page', () => {
    // Owner is a member of Acme; a grant without Acme sees nothing there.
    const p: Principal = { user: owner, kind: 'oauth', grantedWorkspaceIds: new Set([globex]) };
    expect(store.canSeeWorkspace(p, acme)).toBe(false);
    expect(store.visibleWorkspaces(p)).toEqual([]);
    const granted: Principal = { user: owner, kind: 'oauth', grantedWorkspaceIds: new Set([acme]) };
    expect(store.visibleWorkspaces(granted).map((w) => w.name)).toEqual(['Acme Corp']);
  });

  it('gives the same ids after every reseed', () => {
    const again = seed(Date.now() + 1000);
    expect([...again.tasks.keys()]).toEqual([...store.tasks.keys()]);
    expect([...again.fields.keys()]).toEqual([...store.fields.keys()]);
    expect(guest.id).toBe(defined(again.usersByKey.get('guest')).id);
  });
});
