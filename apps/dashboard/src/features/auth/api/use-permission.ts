'use client';

import { can, type Permission } from './permissions';
import { useSession } from './use-session';

/** Whether the signed-in user may do this; false while the session loads. */
export function usePermission(permission: Permission): boolean {
  const { data } = useSession();
  return can(data?.user.role, permission);
}
