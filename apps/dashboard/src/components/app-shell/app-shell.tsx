'use client';

import { Building2, Menu, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Toaster } from '@/components/common/toaster';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { Button } from '@/components/ui/button';
import type { Session } from '@/features/auth/api/auth.types';
import { PauseBanner } from '@/features/pauses/components/pause-banner';
import { Brand } from './brand';
import { SidebarNav } from './sidebar-nav';
import { UserMenu } from './user-menu';

export function AppShell({ session, children }: { session: Session; children: ReactNode }) {
  const [mobileNavOpen, setMobileNavOpen] = useState(false);

  return (
    <div className="min-h-svh md:grid md:grid-cols-[16rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
      >
        Skip to content
      </a>

      <aside
        aria-label="Sidebar"
        className="sticky top-0 hidden h-svh flex-col gap-6 overflow-y-auto border-r border-sidebar-border bg-sidebar px-3 py-4 md:flex"
      >
        <div className="px-2">
          <Brand />
        </div>
        <SidebarNav role={session.user.role} />
        <div className="mt-auto flex items-center gap-2.5 rounded-lg border border-sidebar-border px-3 py-2.5">
          <Building2 aria-hidden className="size-4 shrink-0 text-muted-foreground" />
          <div className="min-w-0">
            <p className="text-xs text-muted-foreground">Organization</p>
            <p className="truncate text-sm font-medium">{session.organization.name}</p>
          </div>
        </div>
      </aside>

      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
          <div className="flex h-14 items-center gap-2 px-4 md:px-8">
            <Button
              variant="ghost"
              size="icon"
              className="md:hidden"
              aria-label={mobileNavOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={mobileNavOpen}
              aria-controls="mobile-nav"
              onClick={() => setMobileNavOpen((open) => !open)}
            >
              {mobileNavOpen ? <X aria-hidden /> : <Menu aria-hidden />}
            </Button>
            <Brand className="md:hidden" />
            <div className="ml-auto flex items-center gap-1">
              <ThemeToggle />
              <UserMenu user={session.user} />
            </div>
          </div>
          {mobileNavOpen && (
            <div id="mobile-nav" className="border-t bg-sidebar px-3 py-3 md:hidden">
              <SidebarNav role={session.user.role} onNavigate={() => setMobileNavOpen(false)} />
            </div>
          )}
        </header>
        <PauseBanner />

        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8 md:py-8">
          {children}
        </main>
      </div>
      <Toaster />
    </div>
  );
}
