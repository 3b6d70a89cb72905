'use client';

import type { ReactNode } from 'react';
import { Forbidden } from '@/components/common/forbidden';
import type { Permission } from '../api/permissions';
import { usePermission } from '../api/use-permission';

/** A page, or part of one, that only some roles may use; others read why instead. */
export function RequirePermission({
  permission,
  what,
  children,
}: {
  permission: Permission;
  what: string;
  children: ReactNode;
}) {
  return usePermission(permission) ? children : <Forbidden what={what} />;
}
