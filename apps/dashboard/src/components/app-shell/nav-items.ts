import type { ComponentType } from 'react';
import {
  Bot,
  CircleCheckBig,
  Cable,
  KeyRound,
  LayoutDashboard,
  ListRestart,
  ScrollText,
  Server,
  Settings,
  ShieldAlert,
  Users,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import { ApprovalsNavCount } from '@/features/approvals/components/approvals-nav-count';
import type { Permission } from '@/features/auth/api/permissions';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to roles with this permission. */
  permission?: Permission;
  /** A live count beside the label (it renders nothing when there is nothing to count). */
  count?: ComponentType;
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  {
    label: 'Gateway',
    items: [
      { href: '/', label: 'Overview', icon: LayoutDashboard },
      { href: '/connections', label: 'Connections', icon: Cable },
      { href: '/servers', label: 'MCP servers', icon: Server },
    ],
  },
  {
    label: 'Review',
    items: [
      { href: '/approvals', label: 'Approvals', icon: CircleCheckBig, count: ApprovalsNavCount },
      { href: '/audit', label: 'Audit log', icon: ScrollText, permission: 'audit:read' },
      { href: '/queue', label: 'Retry queue', icon: ListRestart, permission: 'queue:read' },
      {
        href: '/security-events',
        label: 'Security events',
        icon: ShieldAlert,
        permission: 'security-events:read',
      },
    ],
  },
  {
    label: 'Organization',
    items: [
      { href: '/users', label: 'Users', icon: Users, permission: 'users:read' },
      { href: '/teams', label: 'Teams', icon: UsersRound },
      { href: '/api-tokens', label: 'API tokens', icon: KeyRound },
      { href: '/connected-agents', label: 'Connected agents', icon: Bot },
      { href: '/settings', label: 'Settings', icon: Settings, permission: 'settings:read' },
    ],
  },
];
