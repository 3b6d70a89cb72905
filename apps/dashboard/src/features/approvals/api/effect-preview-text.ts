import { humanize } from '@/lib/format';

/**
 * A value from ClickUp or from the agent's arguments, as one line of text for a table cell. Never markup: the
 * caller renders the string as text, and long values are clipped so one field cannot take over the page.
 */
export function previewValue(value: unknown, max = 300): string {
  if (value === null || value === undefined || value === '') return '—';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')
          ? value.join(', ') || '—'
          : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `{subtasks: 3, comments: 1}` → `['3 subtasks', '1 comment']`, in the order given. */
export function countLabels(counts: Record<string, number> | undefined): string[] {
  return Object.entries(counts ?? {})
    .filter(([, n]) => typeof n === 'number' && Number.isFinite(n))
    .map(([key, n]) => {
      const words = humanize(key).toLowerCase();
      return `${n} ${n === 1 && words.endsWith('s') ? words.slice(0, -1) : words}`;
    });
}

/** A link ClickUp gave for the object, kept only when it is a web address (never `javascript:` and the like). */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
