import type { Metadata } from 'next';
import { PageHeader } from '@/components/common/page-header';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';

export const metadata: Metadata = { title: 'Your account' };

export default function Page() {
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader title="Your account" description="Change the password you sign in with." />
      <section aria-labelledby="change-password" className="grid gap-4 rounded-xl border bg-card p-6">
        <h2 id="change-password" className="text-base font-semibold">
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
