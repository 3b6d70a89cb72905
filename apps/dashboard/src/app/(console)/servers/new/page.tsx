import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { CreateServerWizard } from '@/features/mcp-servers/components/create-server-wizard';

export const metadata: Metadata = { title: 'Create an MCP server' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="servers:manage" what="create MCP servers">
        <CreateServerWizard />
      </RequirePermission>
    </Suspense>
  );
}
