'use client';

import { useSession } from '@/features/auth/api/use-session';
import { SystemStatusCard } from '@/features/system-status/components/system-status-card';
import { OrganizationCard } from './organization-card';

export function OverviewPage() {
  const { data: session } = useSession();
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">The health of your gateway at a glance.</p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SystemStatusCard />
        {session && <OrganizationCard session={session} />}
      </div>
    </div>
  );
}
