'use client';

import { LoaderCircle } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { safeNextPath } from '../api/next-path';
import { useLogin } from '../api/use-login';
import { useSession } from '../api/use-session';

export function LoginForm() {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get('next'));
  const session = useSession();
  const login = useLogin();
  const errorId = useId();

  // Someone already signed in has nothing to do here.
  useEffect(() => {
    if (session.data) router.replace(next);
  }, [session.data, next, router]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') },
      { onSuccess: () => router.replace(next) },
    );
  }

  const failed = login.error !== null;

  return (
    <form className="grid gap-5" onSubmit={onSubmit} aria-describedby={failed ? errorId : undefined}>
      {failed && (
        <p
          id={errorId}
          role="alert"
          className="rounded-lg border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive"
        >
          {login.error.message}
        </p>
      )}
      <div className="grid gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          placeholder="admin@example.com"
          required
          autoFocus
          aria-invalid={failed || undefined}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={failed || undefined}
        />
      </div>
      <Button type="submit" className="w-full" disabled={login.isPending || login.isSuccess}>
        {login.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
