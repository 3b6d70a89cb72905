// Text in a preview comes from ClickUp or from the agent, and is shown to a person (the console, a team's chat
// webhook, the audit row): untrusted either way. These helpers make it plain, single-purpose text of bounded size.

/** Names and other one-line values: a task name, a list name, a tag. */
export const NAME_CHARS = 120;
/** Longer text an approver reads to judge a change: a description, a comment, a page's content. */
export const EXCERPT_CHARS = 500;

// Control characters other than tabs and line breaks (which the callers fold or keep), and the bidirectional marks
// and overrides that can make text read otherwise than it is stored.
const CONTROL = /[^\P{Cc}\t\n\r]|[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// Tag-like runs (`<b>`, `</div>`, `<img src=…>`, `<!-- … -->`), not every `<`: `a < b` is text.
const MARKUP = /<!--[\s\S]*?-->|<\/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?\/?>/g;

function plain(text: string): string {
  return text.replace(MARKUP, '').replace(CONTROL, '');
}

/** At most `max` characters (code points, so no emoji is cut in half), with `…` where text was cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line of plain text: markup and control characters removed, whitespace folded, clipped. */
export function oneLine(text: string | null | undefined, max = NAME_CHARS): string {
  if (text === null || text === undefined) return '';
  return clip(plain(text).replace(/\s+/g, ' ').trim(), max);
}

/** Plain text that keeps its line breaks, clipped; null for no text. */
export function excerpt(text: string | null | undefined, max = EXCERPT_CHARS): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = plain(text.replace(/\r\n?/g, '\n'))
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cleaned === '' ? null : clip(cleaned, max);
}

/** The end of a text, for what an append leaves at the bottom of a page. */
export function excerptEnd(text: string | null | undefined, max = EXCERPT_CHARS): string | null {
  const whole = excerpt(text, Number.POSITIVE_INFINITY);
  if (whole === null) return null;
  const chars = Array.from(whole);
  return chars.length <= max ? whole : `…${chars.slice(chars.length - max + 1).join('')}`;
}

/** A name in a summary line: `"Fix login"`. */
export function quoted(name: string | null | undefined): string {
  return `"${oneLine(name, 80)}"`;
}

/** `no comments`, `1 comment`, `12 comments`. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return n === 0 ? `no ${plural}` : `${n} ${n === 1 ? noun : plural}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function enumerate(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A time as ISO-8601, or null. */
export function isoOf(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/** A span of time as a person reads it: `2h 5m`, `45m`, `30s`. */
export function spanOf(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const seconds = Math.round(Math.max(0, ms) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** An object's fields without those left undefined, for `proposed`. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
