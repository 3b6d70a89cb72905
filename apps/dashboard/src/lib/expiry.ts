export type ExpiryChoice = 'never' | '7' | '30' | '90' | 'custom';

export const EXPIRY_OPTIONS: { value: ExpiryChoice; label: string }[] = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: 'custom', label: 'On a date' },
];

const DAY_MS = 86_400_000;

/**
 * The `expires_at` to send: null for never, the end of the chosen local day for a date. Throws a readable error
 * for a date that is missing or not in the future.
 */
export function expiresAt(choice: ExpiryChoice, customDate: string, now = new Date()): string | null {
  if (choice === 'never') return null;
  if (choice !== 'custom') return new Date(now.getTime() + Number(choice) * DAY_MS).toISOString();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
  if (!match) throw new Error('Pick the day the server should stop working.');
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  if (end.getTime() <= now.getTime()) throw new Error('The expiry date must be in the future.');
  return end.toISOString();
}
