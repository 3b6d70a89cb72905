/** Unwraps a lookup the store's referential integrity guarantees; a miss is a sandbox bug, not a client error. */
export function must<T>(value: T | undefined | null, what = 'record'): T {
  if (value === undefined || value === null) throw new Error(`sandbox invariant broken: missing ${what}`);
  return value;
}
