/** An answer from the api that is not a success, carrying what the user should read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The api's error body: `{statusCode, error, message, correlation_id}`; `message` may be a list (validation). */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isRecord(body)) {
    const message = Array.isArray(body['message'])
      ? body['message'].filter((m): m is string => typeof m === 'string').join('; ')
      : body['message'];
    const correlationId = typeof body['correlation_id'] === 'string' ? body['correlation_id'] : undefined;
    if (typeof message === 'string' && message !== '')
      return new ApiError(response.status, message, correlationId);
  }
  return new ApiError(response.status, fallbackMessage(response.status));
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status >= 500) return 'The gateway api is not reachable right now. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
