import { must } from '../util/must';
import { Errors } from '../http/api-error';
import type { Store } from '../store/store';
import type { UserRec } from '../store/types';
import type { Principal } from './principal';

const PERSONAL = /^pk_sandbox_([a-z0-9][a-z0-9_-]{0,39})$/i;
const COLORS = ['#7b68ee', '#ff7800', '#2ecd6f', '#1090e0', '#e50000', '#f9d900', '#81b1ff', '#aa8d80'];

/**
 * Personal tokens are sent raw, OAuth tokens as `Bearer …` (API-NOTES §2). The sandbox is strict about
 * it so a client that mixes them up fails here rather than against ClickUp.
 */
export function authenticate(store: Store, header: string | undefined): Principal {
  if (header === undefined || header.trim() === '') throw Errors.authHeaderMissing();
  const value = header.trim();
  if (/^bearer\s+/i.test(value)) {
    const grant = store.oauthTokens.get(value.replace(/^bearer\s+/i, ''));
    const user = grant && store.users.get(grant.userId);
    if (!grant || !user) throw Errors.tokenInvalid();
    return { user, kind: 'oauth', grantedWorkspaceIds: grant.workspaceIds };
  }
  const m = PERSONAL.exec(value);
  if (!m) throw Errors.tokenInvalid();
  return {
    user: store.usersByKey.get(m[1].toLowerCase()) ?? joinDefaultWorkspace(store, m[1].toLowerCase()),
    kind: 'personal',
    grantedWorkspaceIds: null,
  };
}

/** Any other `pk_sandbox_<name>` is a new member of the first workspace (Acme), made on first use. */
function joinDefaultWorkspace(store: Store, key: string): UserRec {
  const words = key.split(/[_-]+/).filter(Boolean);
  const username = words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  const user: UserRec = {
    id: store.ids.user(),
    key,
    username,
    email: `${key}@acme.example`,
    color: COLORS[store.users.size % COLORS.length],
    initials: words
      .map((w) => w[0].toUpperCase())
      .join('')
      .slice(0, 2),
    profilePicture: null,
    timezone: 'UTC',
    weekStartDay: 1,
  };
  store.users.set(user.id, user);
  store.usersByKey.set(key, user);
  must(store.workspaces.get(store.defaultWorkspaceId)).members.set(user.id, 3);
  return user;
}
