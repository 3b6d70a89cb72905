import { toApiError } from '@/lib/api-error';
import { oauthStartUrl } from './connections.api';

/**
 * Sends the browser to ClickUp's consent page. The start URL is checked first without following its redirect, so
 * a gateway without OAuth configured shows its reason here instead of a raw JSON page.
 */
export async function startOAuth(name: string): Promise<void> {
  const url = oauthStartUrl(name);
  const probe = await fetch(url, { redirect: 'manual', credentials: 'same-origin', cache: 'no-store' });
  if (probe.type !== 'opaqueredirect' && !probe.ok) throw await toApiError(probe);
  window.location.assign(url);
}
