import type { Metadata } from 'next';
import { Suspense } from 'react';

import { ApiTokensPage } from '@/features/api-tokens/components/api-tokens-page';

export const metadata: Metadata = { title: 'API tokens' };

export default function Page() {
  return (
    <Suspense>
      <ApiTokensPage />
    </Suspense>
  );
}
