/** A time an agent sees, as epoch ms: null when ClickUp sent none. */
export function epochMs(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined || Number.isNaN(ms) ? null : ms;
}

/** The same time as ISO-8601. */
export function isoTime(ms: number | null | undefined): string | null {
  const value = epochMs(ms);
  return value === null ? null : new Date(value).toISOString();
}

/**
 * Epoch ms and ISO-8601 for every time an agent sees: `{ due_date_ms, due_date_iso }`. Hot views (a task) write the
 * two keys out with `epochMs` and `isoTime`: an object of computed keys, spread into another, is built the slow way.
 */
export function timeFields<K extends string>(name: K, ms: number | null | undefined) {
  return {
    [`${name}_ms`]: epochMs(ms),
    [`${name}_iso`]: isoTime(ms),
  } as { [P in `${K}_ms`]: number | null } & { [P in `${K}_iso`]: string | null };
}

export const PRIORITY_NAMES = { 1: 'urgent', 2: 'high', 3: 'normal', 4: 'low' } as const;
export type PriorityName = (typeof PRIORITY_NAMES)[keyof typeof PRIORITY_NAMES];

/** Case- and accent-insensitive form of a name, for matching what an agent typed against ClickUp names. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
