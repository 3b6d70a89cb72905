/** Epoch ms and ISO-8601 for every time an agent sees: `{ due_date_ms, due_date_iso }`. */
export function timeFields<K extends string>(name: K, ms: number | null | undefined) {
  const value = ms === null || ms === undefined || Number.isNaN(ms) ? null : ms;
  return {
    [`${name}_ms`]: value,
    [`${name}_iso`]: value === null ? null : new Date(value).toISOString(),
  } as { [P in `${K}_ms`]: number | null } & { [P in `${K}_iso`]: string | null };
}

export const PRIORITY_NAMES = { 1: 'urgent', 2: 'high', 3: 'normal', 4: 'low' } as const;
export type PriorityName = (typeof PRIORITY_NAMES)[keyof typeof PRIORITY_NAMES];

/** Case- and accent-insensitive form of a name, for matching what an agent typed against ClickUp names. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
