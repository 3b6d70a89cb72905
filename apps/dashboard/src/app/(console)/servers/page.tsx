import type { Metadata } from 'next';
import { Suspense } from 'react';

import { ServersPage } from '@/features/mcp-servers/components/servers-page';

export const metadata: Metadata = { title: 'MCP servers' };

export default function Page() {
  return (
    <Suspense>
      <ServersPage />
    </Suspense>
  );
}
