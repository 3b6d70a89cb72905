import type { CommentCursor } from './requests/comments.requests';
import type { Comment } from './schemas/comments.schemas';

/** Tasks come 100 per page (List, team and view tasks). */
export const TASK_PAGE_SIZE = 100;
/** Comments come 25 per page, newest first. */
export const COMMENT_PAGE_SIZE = 25;

export interface PageOptions {
  /** Stop after this many pages (the caller reports the rest as truncated). */
  maxPages?: number;
}

/**
 * Page-numbered listing: pages 0, 1, 2... until `last_page` is true, or a page is shorter than the page size
 * (some answers carry no `last_page`).
 */
export async function* numberedPages<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; lastPage: boolean | null }>,
  options: PageOptions & { startPage?: number; pageSize?: number } = {},
): AsyncGenerator<{ page: number; items: T[]; isLast: boolean }> {
  const pageSize = options.pageSize ?? TASK_PAGE_SIZE;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  for (let page = options.startPage ?? 0, fetched = 0; fetched < maxPages; page++, fetched++) {
    const { items, lastPage } = await fetchPage(page);
    const isLast = lastPage === true || items.length < pageSize;
    yield { page, items, isLast };
    if (isLast) return;
  }
}

/**
 * Keyset listing of comments: the next page starts at the `date` and `id` of the last comment. ClickUp has
 * no end flag, so an empty or short page ends it, and so does a cursor that does not move.
 */
export async function* commentPages(
  fetchPage: (cursor: CommentCursor | undefined) => Promise<Comment[]>,
  options: PageOptions & { start?: CommentCursor } = {},
): AsyncGenerator<{ items: Comment[]; next: CommentCursor | null }> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  let cursor = options.start;
  for (let fetched = 0; fetched < maxPages; fetched++) {
    const items = await fetchPage(cursor);
    const last = items.at(-1);
    const next =
      last && last.date !== null && items.length >= COMMENT_PAGE_SIZE
        ? { start: last.date, startId: last.id }
        : null;
    const stuck =
      next !== null && cursor !== undefined && next.startId === cursor.startId && next.start === cursor.start;
    yield { items, next: stuck ? null : next };
    if (next === null || stuck) return;
    cursor = next;
  }
}

/** Cursor listing (v3 docs search): until `next_cursor` is empty or repeats. */
export async function* cursorPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  options: PageOptions & { cursor?: string } = {},
): AsyncGenerator<{ items: T[]; nextCursor: string | null }> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  let cursor = options.cursor;
  for (let fetched = 0; fetched < maxPages; fetched++) {
    const { items, nextCursor } = await fetchPage(cursor);
    const next = nextCursor && nextCursor !== cursor ? nextCursor : null;
    yield { items, nextCursor: next };
    if (next === null) return;
    cursor = next;
  }
}
