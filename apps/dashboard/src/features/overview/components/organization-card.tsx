'use client';

import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { Session } from '@/features/auth/api/auth.types';

export function OrganizationCard({ session }: { session: Session }) {
  const { organization, user } = session;
  return (
    <Card aria-labelledby="organization-title">
      <CardHeader>
        <CardTitle id="organization-title">Organization</CardTitle>
        <CardDescription>The organization you are signed in to.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm">
          <div className="grid gap-1">
            <dt className="text-muted-foreground">Name</dt>
            <dd className="text-base font-medium">{organization.name}</dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-muted-foreground">Organization ID</dt>
            <dd className="break-all font-mono text-xs">{organization.id}</dd>
          </div>
          <div className="grid gap-1 border-t pt-4">
            <dt className="text-muted-foreground">Signed in as</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{user.name?.trim() || user.email}</span>
              {user.name?.trim() && <span className="text-muted-foreground">{user.email}</span>}
              <Badge variant="secondary" className="capitalize">
                {user.role}
              </Badge>
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
