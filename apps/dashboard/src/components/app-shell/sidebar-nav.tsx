'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { can } from '@/features/auth/api/permissions';
import type { Role } from '@/features/auth/api/auth.types';
import { cn } from '@/lib/utils';
import { NAV_SECTIONS } from './nav-items';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function SidebarNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="grid gap-5">
      {NAV_SECTIONS.map((section) => {
        const items = section.items.filter((item) => !item.permission || can(role, item.permission));
        if (items.length === 0) return null;
        return (
          <div key={section.label} className="grid gap-1">
            <p className="px-3 text-xs font-medium uppercase tracking-wide text-muted-foreground">
              {section.label}
            </p>
            <ul className="grid gap-0.5">
              {items.map(({ href, label, icon: Icon, count: Count }) => {
                const active = isActive(pathname, href);
                return (
                  <li key={href}>
                    <Link
                      href={href}
                      onClick={onNavigate}
                      aria-current={active ? 'page' : undefined}
                      className={cn(
                        'flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium outline-none transition-colors',
                        'focus-visible:ring-[3px] focus-visible:ring-ring/50',
                        active
                          ? 'bg-sidebar-accent text-sidebar-accent-foreground'
                          : 'text-sidebar-foreground hover:bg-sidebar-accent/60 hover:text-sidebar-accent-foreground',
                      )}
                    >
                      <Icon aria-hidden className="size-4" />
                      {label}
                      {Count && <Count />}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
