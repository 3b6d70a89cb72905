import { decodeCursor, encodeCursor } from '../core/cursor';
import { invalid } from '../core/tool-error';

/** Where the next call resumes: a ClickUp page (100 tasks) and an index inside it. */
export interface PagePosition {
  page: number;
  offset: number;
}

export interface TaskPageSource<T> {
  /** Pages from `startPage` on, as the client's `listTaskPages`/`teamTaskPages` yield them. */
  (startPage: number, maxPages: number): AsyncIterable<{ page: number; items: T[]; isLast: boolean }>;
}

/** Pages one call may read while client-side filters skip tasks; the cursor resumes after them. */
export const MAX_PAGES_PER_CALL = 5;

/**
 * Takes up to `limit` tasks that pass `keep`, from `start` on, reading whole ClickUp pages. Filters ClickUp
 * cannot apply (priority, unassigned, name text, scope) run here, so the position is counted in ClickUp's
 * unfiltered pages and stays valid from one call to the next.
 */
export async function takeMatching<T>(
  source: TaskPageSource<T>,
  start: PagePosition,
  limit: number,
  keep: (item: T) => boolean,
  maxPages = MAX_PAGES_PER_CALL,
): Promise<{ items: T[]; next: PagePosition | null }> {
  const items: T[] = [];
  let next: PagePosition | null = null;
  for await (const { page, items: pageItems, isLast } of source(start.page, maxPages)) {
    for (let i = page === start.page ? start.offset : 0; i < pageItems.length; i++) {
      if (!keep(pageItems[i])) continue;
      items.push(pageItems[i]);
      if (items.length === limit) {
        const rest = i + 1 < pageItems.length;
        return {
          items,
          next: rest ? { page, offset: i + 1 } : isLast ? null : { page: page + 1, offset: 0 },
        };
      }
    }
    next = isLast ? null : { page: page + 1, offset: 0 };
  }
  return { items, next };
}

/** The starting position from a cursor (which wins) or a page number. */
export function startPosition(tool: string, cursor: string | undefined, page = 0): PagePosition {
  if (!cursor) return { page, offset: 0 };
  const state = decodeCursor(tool, cursor);
  const p = Number(state['page']);
  const offset = Number(state['offset']);
  if (!Number.isInteger(p) || p < 0 || !Number.isInteger(offset) || offset < 0) {
    throw invalid(`cursor: not a next_cursor returned by ${tool}`, 'cursor');
  }
  return { page: p, offset };
}

export function pageResult<T, R>(
  tool: string,
  taken: { items: T[]; next: PagePosition | null },
  map: (t: T) => R,
) {
  const nextCursor = taken.next
    ? encodeCursor(tool, { page: taken.next.page, offset: taken.next.offset })
    : null;
  return { items: taken.items.map(map), next_cursor: nextCursor, truncated: nextCursor !== null };
}
