import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Brand } from '@/components/app-shell/brand';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { SignInOptions } from '@/features/auth/components/sign-in-options';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return (
    <div className="relative flex min-h-svh flex-col items-center justify-center gap-8 bg-gradient-to-b from-accent/40 to-background px-4 py-12">
      <ThemeToggle className="absolute right-4 top-4" />
      <Brand />
      <main className="w-full max-w-sm">
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              Sign in
            </CardTitle>
            <CardDescription>Use your gateway account.</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense>
              <SignInOptions />
            </Suspense>
          </CardContent>
        </Card>
      </main>
      <p className="max-w-sm text-center text-xs text-muted-foreground">
        The first owner account comes from <code className="font-mono">ADMIN_EMAIL</code> and{' '}
        <code className="font-mono">ADMIN_PASSWORD</code>, or is printed by the api on its first start.
      </p>
    </div>
  );
}
