import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ApprovalsPage } from '@/features/approvals/components/approvals-page';

export const metadata: Metadata = { title: 'Approvals' };

export default function Page() {
  return (
    <Suspense>
      <ApprovalsPage />
    </Suspense>
  );
}
