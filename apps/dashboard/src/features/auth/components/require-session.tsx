'use client';

import { LoaderCircle } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { loginPath } from '../api/next-path';
import { useSession } from '../api/use-session';
import type { Session } from '../api/auth.types';

/** Renders the console only for a signed-in user; anyone else goes to the sign-in page. */
export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const { data: session, error, refetch, isFetching } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (session === null) router.replace(loginPath(`${pathname}${window.location.search}`));
  }, [session, pathname, router]);

  if (session) return children(session);

  if (error && session === undefined) {
    return (
      <CenteredMessage>
        <p role="alert" className="text-sm text-muted-foreground">
          {error.message}
        </p>
        <Button variant="outline" size="sm" disabled={isFetching} onClick={() => void refetch()}>
          Try again
        </Button>
      </CenteredMessage>
    );
  }

  return (
    <CenteredMessage>
      <LoaderCircle aria-hidden className="size-5 animate-spin text-muted-foreground" />
      <p className="sr-only" role="status">
        Loading your session…
      </p>
    </CenteredMessage>
  );
}

function CenteredMessage({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col items-center justify-center gap-3 p-6 text-center">
      {children}
    </div>
  );
}
