'use client';

import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { Skeleton } from '@/components/ui/skeleton';
import { useTeams } from '@/features/teams/api/use-teams';
import { useUsers } from '@/features/users/api/use-users';
import { useSsoSettings } from '../api/sso-settings';
import { PasswordSignInCard } from './password-sign-in-card';
import { SsoGroupRulesCard } from './sso-group-rules-card';
import { SsoProviderCard } from './sso-provider-card';

/** Settings → Single sign-on: the provider, the group mapping and password sign-in. */
export function SsoSection() {
  const settings = useSsoSettings();
  const teams = useTeams();
  const users = useUsers();
  if (settings.error) {
    // An api without single sign-on: the section is simply not there.
    if (isMissingEndpoint(settings.error)) return null;
    return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  if (!settings.data || teams.isPending || users.isPending) return <Skeleton className="h-96 w-full" />;
  const owners = (users.data ?? []).filter((u) => u.role === 'owner' && !u.disabled);
  return (
    <section aria-label="Single sign-on settings" className="grid gap-6">
      <SsoProviderCard settings={settings.data} />
      <SsoGroupRulesCard settings={settings.data} teams={teams.data ?? []} />
      <PasswordSignInCard settings={settings.data} owners={owners} />
    </section>
  );
}
