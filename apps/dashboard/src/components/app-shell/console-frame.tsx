'use client';

import type { ReactNode } from 'react';
import { RequireSession } from '@/features/auth/components/require-session';
import { AppShell } from './app-shell';

export function ConsoleFrame({ children }: { children: ReactNode }) {
  return <RequireSession>{(session) => <AppShell session={session}>{children}</AppShell>}</RequireSession>;
}
