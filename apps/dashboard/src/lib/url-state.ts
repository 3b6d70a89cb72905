'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export type UrlPatch = Record<string, string | null | undefined>;

/** `?a=1` + `{a: null, b: '2'}` → `?b=2`; empty values are dropped so shared links stay short. */
export function applyPatch(search: string, patch: UrlPatch): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  params.sort();
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * Filter, page and selection state kept in the URL, so a view can be bookmarked and shared.
 * `push` adds a history entry (paging, opening a detail); the default replaces it (typing in a filter).
 */
export function useUrlState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const search = searchParams.toString();

  const params = useMemo(() => new URLSearchParams(search), [search]);
  const get = useCallback((key: string) => params.get(key) ?? '', [params]);
  const set = useCallback(
    (patch: UrlPatch, { push = false }: { push?: boolean } = {}) => {
      const url = `${pathname}${applyPatch(search, patch)}`;
      if (push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [pathname, router, search],
  );
  return { params, get, set, search };
}
