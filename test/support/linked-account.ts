import type { Stack } from './stack';

export const MEMBER_PASSWORD = 'a-very-secret-password-123';

/** A dashboard session's cookie and CSRF token. */
export async function signedIn(
  stack: Stack,
  email: string,
  password = MEMBER_PASSWORD,
): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return { cookie, csrf: csrf_token };
}

/**
 * A signed-in person starts linking their own ClickUp account and approves it on the sandbox's consent page as
 * `clickupUser` for `workspace`. Returns the step their browser takes next, back to the api's callback (not yet
 * taken), answering whether the account got linked.
 */
export async function approveLink(
  stack: Stack,
  email: string,
  consent: { clickupUser: string; workspace: string },
): Promise<() => Promise<{ linked: boolean }>> {
  const { cookie, csrf } = await signedIn(stack, email);
  const start = await fetch(`${stack.baseUrl}/api/v1/me/clickup-account/oauth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: '{}',
  });
  const consentUrl = new URL(((await start.json()) as { authorize_url: string }).authorize_url);
  const approved = await fetch(new URL('/api', consentUrl), {
    method: 'POST',
    body: new URLSearchParams({
      client_id: consentUrl.searchParams.get('client_id') as string,
      redirect_uri: consentUrl.searchParams.get('redirect_uri') as string,
      state: consentUrl.searchParams.get('state') as string,
      user: consent.clickupUser,
      workspace: consent.workspace,
    }),
    redirect: 'manual',
  });
  const back = new URL(approved.headers.get('location') as string);
  return async () => {
    const res = await fetch(`${stack.baseUrl}${back.pathname}${back.search}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    // The callback answers 302 either way; only a landing with `linked` means the account was linked.
    return { linked: new URL(res.headers.get('location') as string).searchParams.has('linked') };
  };
}
