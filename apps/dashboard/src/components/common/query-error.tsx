import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-error';

/** What a failed read looks like on every page: the api's message, and a way to try again. */
export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const correlation = error instanceof ApiError ? error.correlationId : undefined;
  return (
    <Alert variant="error" role="alert" title="This could not be loaded">
      <p>{error.message}</p>
      {correlation && <p className="mt-1 font-mono text-xs">Correlation id: {correlation}</p>}
      {onRetry && (
        <Button variant="outline" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}

/** An endpoint this gateway does not have yet (an older api behind a newer dashboard). */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 501);
}

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
