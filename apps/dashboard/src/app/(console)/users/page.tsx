import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { UsersPage } from '@/features/users/components/users-page';

export const metadata: Metadata = { title: 'Users' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="users:read" what="list users">
        <UsersPage />
      </RequirePermission>
    </Suspense>
  );
}
