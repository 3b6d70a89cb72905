import type { Metadata } from 'next';
import { Suspense } from 'react';

import { TeamsPage } from '@/features/teams/components/teams-page';

export const metadata: Metadata = { title: 'Teams' };

export default function Page() {
  return (
    <Suspense>
      <TeamsPage />
    </Suspense>
  );
}
