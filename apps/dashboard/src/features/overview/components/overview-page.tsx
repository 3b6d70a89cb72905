'use client';

import { PageHeader } from '@/components/common/page-header';
import { usePermission } from '@/features/auth/api/use-permission';
import { useSession } from '@/features/auth/api/use-session';
import { PauseControl } from '@/features/pauses/components/pause-control';
import { SystemStatusCard } from '@/features/system-status/components/system-status-card';
import { OrganizationCard } from './organization-card';
import { UsageCharts } from './usage-charts';

export function OverviewPage() {
  const { data: session } = useSession();
  const canSeeUsage = usePermission('stats:read');
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <PageHeader
        title="Overview"
        description="The health and use of your gateway at a glance."
        actions={<PauseControl scope="organization" targetName={session?.organization.name} />}
      />
      {canSeeUsage && <UsageCharts />}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SystemStatusCard />
        {session && <OrganizationCard session={session} />}
      </div>
    </div>
  );
}
