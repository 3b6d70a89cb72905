import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MyClickUpAccountPage } from '@/features/linked-accounts/components/my-clickup-account';

export const metadata: Metadata = { title: 'Linked ClickUp account' };

export default function Page() {
  return (
    <Suspense>
      <MyClickUpAccountPage />
    </Suspense>
  );
}
