export const WEBHOOK_URL_MAX_LENGTH = 2000;

/**
 * Why a team webhook URL is refused, or null when it is accepted: an absolute http(s) URL, at most 2000 characters,
 * with no user name or password (they would travel in every request, and show wherever the URL is shown), no
 * fragment, no spaces or control characters (which URL parsing would silently drop). Private and loopback addresses
 * are accepted on purpose: only owners and admins set the URL, and a relay on the internal network is a normal
 * receiver. The message never repeats the URL, which may hold a credential.
 */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'url must be an http or https URL';
  if (value.length > WEBHOOK_URL_MAX_LENGTH)
    return `url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  if (/[\s\p{Cc}]/u.test(value)) return 'url must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (!url.hostname) return 'url must name a host';
  if (url.username || url.password) return 'url must not contain a user name or password';
  if (url.hash || value.includes('#')) return 'url must not have a #fragment';
  return null;
}

/** The URL as stored and shown: parsed and written back, so equal URLs read the same. */
export function normalizedWebhookUrl(value: string): string {
  return new URL(value).href;
}

/** `https://hooks.slack.com`: where a webhook points, without the path or query that may be its credential. */
export function webhookUrlOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return '';
  }
}
