/** How one POST to a webhook ended. */
export type DeliveryOutcome =
  | { kind: 'delivered'; status: number }
  /** Worth another attempt: no answer, a timeout, 408, 429 or 5xx. */
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs: number | null }
  /** Another attempt would get the same answer: any other 4xx, or a redirect. */
  | { kind: 'give-up'; status: number; error: string };

const STATUS_LINE_MAX = 120;
const HOUR_MS = 3_600_000;

/**
 * POSTs a notification once. Redirects are not followed (the receiver's answer counts as given), the body of the
 * answer is never read, only its status line is kept, clipped: the receiver is someone else's server.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: 'retry', status: null, error: networkError(error, timeoutMs), retryAfterMs: null };
  }
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  const line = statusLine(response);
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 408 || status === 429 || status >= 500) {
    return {
      kind: 'retry',
      status,
      error: line,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'give-up',
      status,
      error: `${line}: redirects are not followed; set the webhook to the final URL`,
    };
  }
  return { kind: 'give-up', status, error: `${line}: not retried, the receiver refused the notification` };
}

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` failed: base × 2^(attempt−1), or the receiver's
 * Retry-After when longer, never more than an hour.
 */
export function backoffDelay(attempt: number, baseMs: number, retryAfter: number | null): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(HOUR_MS, Math.max(exponential, retryAfter ?? 0));
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** `HTTP 503 Service Unavailable`, with the receiver's reason phrase made printable and clipped. */
function statusLine(response: Response): string {
  const reason = response.statusText.replace(/[^\x20-\x7E]/g, '?').trim();
  const line = `HTTP ${response.status}${reason ? ` ${reason}` : ''}`;
  return line.length <= STATUS_LINE_MAX ? line : `${line.slice(0, STATUS_LINE_MAX - 1)}…`;
}

/** Why no answer came, without the URL (a Slack webhook URL is a credential). */
function networkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; cause?: { code?: string; name?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = err.cause?.code ?? err.cause?.name;
  return code ? `could not reach the receiver (${code})` : 'could not reach the receiver';
}
