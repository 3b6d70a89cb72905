import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { RetryQueuePage } from '@/features/retry-queue/components/retry-queue-page';

export const metadata: Metadata = { title: 'Retry queue' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="queue:read" what="see the retry queue">
        <RetryQueuePage />
      </RequirePermission>
    </Suspense>
  );
}
