import type { Role } from '@/features/auth/api/auth.types';

export type TokenExpiryChoice = '30' | '90' | '365' | 'never';

/** What the api accepts: at most 365 days, or never for owners; 90 days when nothing is chosen. */
export const DEFAULT_TOKEN_EXPIRY: TokenExpiryChoice = '90';

export function tokenExpiryOptions(role: Role | undefined): { value: TokenExpiryChoice; label: string }[] {
  return [
    { value: '30', label: 'In 30 days' },
    { value: '90', label: 'In 90 days' },
    { value: '365', label: 'In 365 days' },
    ...(role === 'owner' ? [{ value: 'never' as const, label: 'Never (owners only)' }] : []),
  ];
}

const DAY_MS = 86_400_000;

/** The `expires_at` to send: null for never, otherwise that many days from now. */
export function tokenExpiresAt(choice: TokenExpiryChoice, now = new Date()): string | null {
  return choice === 'never' ? null : new Date(now.getTime() + Number(choice) * DAY_MS).toISOString();
}
