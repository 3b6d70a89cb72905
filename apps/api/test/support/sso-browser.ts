import type { TestIdp } from '@gw/testing';
import { ApiClient } from './http-client';

/** Where a single sign-on ended: the dashboard URL the api redirected to, and the session when one was opened. */
export interface SsoLanding {
  landing: URL;
  /** `sso_error` of a refused sign-in. */
  error: string | null;
  client: ApiClient | null;
}

/** A started sign-in: the IdP URL to follow and the attempt cookie the browser keeps. */
export interface SsoStarted {
  authorizationUrl: URL;
  cookie: string;
}

/** `GET /api/v1/auth/sso/start`, as a browser sends it; fails unless the api sends the browser to the IdP. */
export async function startSso(baseUrl: string, next?: string): Promise<SsoStarted> {
  const url = new URL('/api/v1/auth/sso/start', baseUrl);
  if (next) url.searchParams.set('next', next);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`start answered ${res.status}`);
  const refused = new URL(location).searchParams.get('sso_error');
  if (refused) throw new Error(`start refused the sign-in: ${refused}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { authorizationUrl: new URL(location), cookie };
}

/**
 * The IdP's redirect back, delivered to the api as the browser would through the dashboard (same path and query),
 * with the attempt cookie (or another, or none).
 */
export async function finishSso(baseUrl: string, callback: URL, cookie: string | null): Promise<SsoLanding> {
  const res = await fetch(new URL(`${callback.pathname}${callback.search}`, baseUrl), {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location)
    throw new Error(`callback answered ${res.status}: ${await res.text()}`);
  const landing = new URL(location);
  const cookies = new Map(
    res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
    }),
  );
  const session = cookies.get('gw_session');
  const csrf = cookies.get('gw_csrf');
  return {
    landing,
    error: landing.searchParams.get('sso_error'),
    client:
      session && csrf
        ? new ApiClient(baseUrl, { kind: 'session', cookie: `gw_session=${session}; gw_csrf=${csrf}`, csrf })
        : null,
  };
}

/** A whole sign-in of `email` through the IdP's login page, from the start route to the callback's redirect. */
export async function signInWithSso(
  baseUrl: string,
  idp: TestIdp,
  email: string,
  next?: string,
): Promise<SsoLanding> {
  const started = await startSso(baseUrl, next);
  const callback = await idp.signIn(started.authorizationUrl, email);
  return finishSso(baseUrl, callback, started.cookie);
}
