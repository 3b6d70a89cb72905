import type { Metadata } from 'next';
import { Brand } from '@/components/app-shell/brand';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';

export const metadata: Metadata = { title: 'Set a new password', referrer: 'no-referrer' };

export default function ResetPasswordPage() {
  return (
    <div className="relative flex min-h-svh flex-col items-center justify-center gap-8 bg-gradient-to-b from-accent/40 to-background px-4 py-12">
      <ThemeToggle className="absolute right-4 top-4" />
      <Brand />
      <main className="w-full max-w-sm">
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              Set a new password
            </CardTitle>
            <CardDescription>The link you were given works once, within the hour.</CardDescription>
          </CardHeader>
          <CardContent>
            <ResetPasswordForm />
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
