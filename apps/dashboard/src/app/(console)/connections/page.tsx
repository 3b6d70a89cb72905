import type { Metadata } from 'next';
import { Suspense } from 'react';

import { ConnectionsPage } from '@/features/connections/components/connections-page';

export const metadata: Metadata = { title: 'Connections' };

export default function Page() {
  return (
    <Suspense>
      <ConnectionsPage />
    </Suspense>
  );
}
