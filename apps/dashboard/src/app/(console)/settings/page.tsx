import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { SettingsPage } from '@/features/settings/components/settings-page';

export const metadata: Metadata = { title: 'Settings' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="settings:read" what="see the settings">
        <SettingsPage />
      </RequirePermission>
    </Suspense>
  );
}
