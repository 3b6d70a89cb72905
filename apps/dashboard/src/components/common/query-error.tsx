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
