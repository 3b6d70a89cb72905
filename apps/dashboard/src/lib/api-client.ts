import { ApiError, toApiError } from './api-error';
import { readCookie } from './cookies';

export const CSRF_COOKIE = 'gw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the api on the dashboard's own origin (the dashboard proxies `/api/*`), with the session cookie,
 * and the CSRF token the api expects on every state-changing request.
 */
export async function apiFetch<T>(
  path: string,
  { method = 'GET', body, signal }: ApiRequest = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE, document.cookie);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'The dashboard could not reach the gateway. Check your network connection.');
  }

  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  // 204 and empty 200 answers (sign-out) carry no body; callers type those as `void`.
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
