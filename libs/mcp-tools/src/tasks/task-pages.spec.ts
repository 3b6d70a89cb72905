import { pageResult, startPosition, takeMatching, type TaskPageSource } from './task-pages';

/** ClickUp-style numbered pages of `size` over 0..total-1, counting the pages read. */
function pagesOf(total: number, size = 100) {
  const reads: number[] = [];
  const source: TaskPageSource<number> = async function* (startPage, maxPages) {
    for (let page = startPage; page < startPage + maxPages; page++) {
      reads.push(page);
      const items = Array.from(
        { length: Math.max(0, Math.min(size, total - page * size)) },
        (_, i) => page * size + i,
      );
      const isLast = (page + 1) * size >= total;
      yield { page, items, isLast };
      if (isLast) return;
    }
  };
  return { source, reads };
}

describe('takeMatching', () => {
  it('resumes inside a page and ends with no position on the last page', async () => {
    const { source } = pagesOf(250);
    const first = await takeMatching(source, { page: 0, offset: 0 }, 120, () => true);
    expect(first.items).toHaveLength(120);
    expect(first.next).toEqual({ page: 1, offset: 20 });
    const second = await takeMatching(source, first.next ?? { page: 0, offset: 0 }, 200, () => true);
    expect(second.items[0]).toBe(120);
    expect(second.items.at(-1)).toBe(249);
    expect(second.next).toBeNull();
  });

  it('moves to the next page when the limit is reached on the last item of a page', async () => {
    const { source } = pagesOf(300);
    const taken = await takeMatching(source, { page: 0, offset: 0 }, 100, () => true);
    expect(taken.next).toEqual({ page: 1, offset: 0 });
  });

  it('stops after the page budget with a position to continue from when a filter keeps little', async () => {
    const { source, reads } = pagesOf(1000);
    const taken = await takeMatching(source, { page: 0, offset: 0 }, 10, (n) => n % 200 === 0, 3);
    expect(taken.items).toEqual([0, 200]);
    expect(reads).toEqual([0, 1, 2]);
    expect(taken.next).toEqual({ page: 3, offset: 0 });
  });

  it('round-trips its position through an opaque cursor bound to the tool', () => {
    const page = pageResult('task_search', { items: [1], next: { page: 2, offset: 7 } }, (n) => n);
    expect(page.truncated).toBe(true);
    expect(startPosition('task_search', page.next_cursor as string)).toEqual({ page: 2, offset: 7 });
    expect(() => startPosition('task_list_in_list', page.next_cursor as string)).toThrow(/cursor/);
    expect(startPosition('task_list_in_list', undefined, 3)).toEqual({ page: 3, offset: 0 });
  });
});
