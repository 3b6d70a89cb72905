'use client';

import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { useCompletePasswordReset } from '../api/use-password';
import { newPasswordProblem } from '../schemas/new-password.schema';
import { NewPasswordFields, readNewPassword } from './new-password-fields';

/** The secret of a reset link travels in the fragment (`#token=…`), which browsers never send to a server. */
function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

/** Sets a new password with a one-time link an admin made; the link is spent on success. */
export function ResetPasswordForm() {
  const id = useId();
  const complete = useCompletePasswordReset();
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setToken(tokenFromFragment(window.location.hash));
    // Keep the secret out of the history and of anything that copies the address from here on.
    window.history.replaceState(null, '', window.location.pathname);
  }, []);

  if (complete.isSuccess) {
    return (
      <div className="grid gap-4 text-sm">
        <Alert variant="info" role="status" title="Password set">
          Sign in with your new password. Any session you had open was signed out.
        </Alert>
        <Link href="/login" className={buttonVariants()}>
          Sign in
        </Link>
      </div>
    );
  }
  if (token === undefined) return null;
  if (token === null) {
    return (
      <Alert variant="error" role="alert">
        This page needs the whole link you were given. Ask an administrator for a new one.
      </Alert>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = readNewPassword(new FormData(event.currentTarget));
    const found = newPasswordProblem(fields);
    setProblem(found);
    if (found || !token) return;
    complete.mutate({ token, new_password: fields.new_password });
  }

  const error = problem ?? complete.error?.message ?? null;

  return (
    <form className="grid gap-4" onSubmit={onSubmit} aria-label="Set a new password">
      <NewPasswordFields id={id} />
      {error && (
        <Alert variant="error" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" className="w-full" disabled={complete.isPending}>
        {complete.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
        Set password
      </Button>
    </form>
  );
}
