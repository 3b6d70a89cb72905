import { LayoutDashboard, type LucideIcon } from 'lucide-react';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** Only pages that exist are listed; each new console page adds its entry here. */
export const NAV_ITEMS: NavItem[] = [{ href: '/', label: 'Overview', icon: LayoutDashboard }];
