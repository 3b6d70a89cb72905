'use client';

import { KeyRound, LogIn } from 'lucide-react';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonVariants } from '@/components/ui/button';
import { Separator } from '@/components/ui/separator';
import { Skeleton } from '@/components/ui/skeleton';
import { safeNextPath } from '../api/next-path';
import { ssoErrorMessage, ssoStartPath, useSsoStatus } from '../api/sso';
import { LoginForm } from './login-form';

/**
 * The ways in: "Sign in with {provider}" when single sign-on is configured, and the password form, which hides
 * behind "Break-glass sign-in" when passwords are for break-glass owners only.
 */
export function SignInOptions() {
  const params = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const ssoError = ssoErrorMessage(params.get('sso_error'));
  const status = useSsoStatus();
  const [breakGlass, setBreakGlass] = useState(false);

  if (status.isPending) return <Skeleton className="h-40 w-full" />;
  // Without an answer (an older api), the password form is the way in, as it always was.
  const sso = status.data?.enabled ? status.data : null;
  const passwordHidden = status.data?.password_sign_in === 'break_glass_owners' && !breakGlass;

  return (
    <div className="grid gap-5">
      {ssoError && (
        <Alert variant="error" role="alert" title="Single sign-on did not sign you in">
          {ssoError}
        </Alert>
      )}
      {sso && (
        <a href={ssoStartPath(next)} className={buttonVariants({ className: 'w-full' })}>
          <LogIn aria-hidden />
          Sign in with {sso.button_label}
        </a>
      )}
      {sso && !passwordHidden && (
        <div className="flex items-center gap-3 text-xs text-muted-foreground">
          <Separator className="flex-1" />
          or with a password
          <Separator className="flex-1" />
        </div>
      )}
      {passwordHidden ? (
        <button
          type="button"
          className={buttonVariants({ variant: 'link', size: 'sm', className: 'justify-self-center' })}
          onClick={() => setBreakGlass(true)}
        >
          <KeyRound aria-hidden />
          Break-glass sign-in
        </button>
      ) : (
        <>
          {status.data?.password_sign_in === 'break_glass_owners' && (
            <p className="text-sm text-muted-foreground">
              Password sign-in is kept for break-glass owners, for when single sign-on is unavailable.
            </p>
          )}
          <LoginForm />
        </>
      )}
    </div>
  );
}
