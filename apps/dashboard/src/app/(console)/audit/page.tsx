import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequirePermission } from '@/features/auth/components/require-permission';
import { AuditPage } from '@/features/audit/components/audit-page';

export const metadata: Metadata = { title: 'Audit log' };

export default function Page() {
  return (
    <Suspense>
      <RequirePermission permission="audit:read" what="read the audit log">
        <AuditPage />
      </RequirePermission>
    </Suspense>
  );
}
