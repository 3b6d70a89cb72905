import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConnectedAgentsPage } from '@/features/connected-agents/components/connected-agents-page';

export const metadata: Metadata = { title: 'Connected agents' };

export default function Page() {
  return (
    <Suspense>
      <ConnectedAgentsPage />
    </Suspense>
  );
}
