import type { ReactNode } from 'react';
import { QueryError } from './query-error';

/** A read's three states on a page: its error with a retry, a placeholder while it loads, then its data. */
export function QueryView<T>({
  query,
  placeholder,
  children,
}: {
  query: { data: T | undefined; error: Error | null; refetch: () => unknown };
  placeholder: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return placeholder;
  return children(query.data);
}
