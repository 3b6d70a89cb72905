import type { ApiClient } from './http-client';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};
const unescape = (s: string) => s.replace(/&(amp|quot|#39|lt|gt);/g, (m) => ENTITIES[m]);

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`consent page has no ${name} field:\n${html}`);
  return unescape(match[1]);
}

/**
 * What a person does on ClickUp's consent page (the sandbox's): picks `user`, ticks `workspaceIds`, submits. Returns
 * where ClickUp sends the browser back (the api's callback, with the code and state).
 */
export async function approveOnClickUp(
  consentUrl: URL,
  consent: { user: string; workspaceIds: string[] },
): Promise<URL> {
  const page = await fetch(consentUrl);
  const html = await page.text();
  const form = new URLSearchParams({
    client_id: hidden(html, 'client_id'),
    redirect_uri: hidden(html, 'redirect_uri'),
    state: hidden(html, 'state'),
    user: consent.user,
  });
  for (const id of consent.workspaceIds) form.append('workspace', id);
  const approved = await fetch(new URL('/api', consentUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  if (approved.status !== 302)
    throw new Error(`consent answered ${approved.status}: ${await approved.text()}`);
  return new URL(approved.headers.get('location') as string);
}

/**
 * What a browser does between "Connect with ClickUp" and landing back on the dashboard: follows the api's redirect
 * to the consent page, submits the form as `user` for `workspaceIds`, and follows ClickUp's redirect back to the
 * api's callback with the session cookie. Returns the dashboard URL the callback sends the browser to.
 */
export async function connectWithClickUp(
  client: ApiClient,
  name: string,
  consent: { user: string; workspaceIds: string[] },
): Promise<{ consentUrl: URL; landing: URL }> {
  const start = await client.raw('GET', '/api/v1/connections/oauth/start', { query: { name } });
  if (start.status !== 302) throw new Error(`oauth/start answered ${start.status}: ${await start.text()}`);
  const consentUrl = new URL(start.headers.get('location') as string);
  const callback = await approveOnClickUp(consentUrl, consent);
  const back = await client.raw('GET', callback.pathname + callback.search);
  if (back.status !== 302) throw new Error(`callback answered ${back.status}: ${await back.text()}`);
  return { consentUrl, landing: new URL(back.headers.get('location') as string) };
}
