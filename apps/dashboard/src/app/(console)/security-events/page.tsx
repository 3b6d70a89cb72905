import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { SecurityEventsPage } from '@/features/security-events/components/security-events-page';

export const metadata: Metadata = { title: 'Security events' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="security-events:read" what="see security events">
        <SecurityEventsPage />
      </RequirePermission>
    </Suspense>
  );
}
