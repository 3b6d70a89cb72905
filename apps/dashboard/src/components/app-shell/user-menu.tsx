'use client';

import { ChevronsUpDown, KeyRound, Link2, LoaderCircle, LogOut } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Separator } from '@/components/ui/separator';
import { useLogout } from '@/features/auth/api/use-logout';
import type { SessionUser } from '@/features/auth/api/auth.types';
import { cn } from '@/lib/utils';

function initials(user: SessionUser): string {
  const words = (user.name?.trim() || user.email.split('@')[0]).match(/[\p{L}\p{N}]+/gu) ?? ['?'];
  const letters = words.length > 1 ? [words[0][0], words[1][0]] : [...words[0]].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** Account menu (WAI-ARIA menu button): who is signed in, their password, their ClickUp account, and sign-out. */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const logout = useLogout();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  const displayName = user.name?.trim() || user.email;

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          'flex items-center gap-2 rounded-md py-1 pl-1 pr-2 text-sm outline-none transition-colors',
          'hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50',
          open && 'bg-accent',
        )}
      >
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary"
        >
          {initials(user)}
        </span>
        <span className="sr-only max-w-40 truncate font-medium sm:not-sr-only">{displayName}</span>
        <span className="sr-only">, account menu</span>
        <ChevronsUpDown aria-hidden className="size-3.5 text-muted-foreground" />
      </button>

      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Account"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-50 mt-2 w-64 rounded-lg border bg-popover p-1 text-popover-foreground shadow-lg"
        >
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium">{displayName}</p>
            <p className="truncate text-xs text-muted-foreground">{user.email}</p>
            <Badge variant="secondary" className="mt-2 capitalize">
              {user.role}
            </Badge>
          </div>
          <Separator className="my-1" />
          <Link
            href="/account"
            role="menuitem"
            onClick={() => setOpen(false)}
            className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent"
          >
            <KeyRound aria-hidden className="size-4" />
            Change password
          </Link>
          <Link
            href="/account/clickup"
            role="menuitem"
            onClick={() => setOpen(false)}
            className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent"
          >
            <Link2 aria-hidden className="size-4" />
            Linked ClickUp account
          </Link>
          <button
            type="button"
            role="menuitem"
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
            className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent disabled:opacity-60"
          >
            {logout.isPending ? (
              <LoaderCircle aria-hidden className="size-4 animate-spin" />
            ) : (
              <LogOut aria-hidden className="size-4" />
            )}
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
