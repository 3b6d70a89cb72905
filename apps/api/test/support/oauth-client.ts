import { createHash, randomBytes } from 'node:crypto';
import type { ApiClient } from './http-client';

/** A PKCE pair (S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The cookies one browser holds for the api's origin. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** What an MCP client's browser does against the api: GETs with its cookies, no redirects followed. */
export async function browse(jar: CookieJar, url: string): Promise<Response> {
  const res = await fetch(url, { headers: { cookie: jar.header }, redirect: 'manual' });
  jar.take(res);
  return res;
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  resource?: string;
  challenge?: string;
  method?: string;
  scope?: string;
  state?: string;
}

export function authorizeUrl(baseUrl: string, p: AuthorizeParams): string {
  const url = new URL('/oauth/authorize', baseUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  if (p.resource) url.searchParams.set('resource', p.resource);
  if (p.challenge) url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', p.method ?? 'S256');
  // An empty scope sends none, as MCP clients do when the resource names no scope.
  if (p.scope !== '') url.searchParams.set('scope', p.scope ?? 'mcp');
  url.searchParams.set('state', p.state ?? 'state-1');
  return url.toString();
}

/** Starts an authorization in a new browser: the consent page's uid, or the error the client is sent back with. */
export async function startAuthorization(
  baseUrl: string,
  p: AuthorizeParams,
): Promise<{ jar: CookieJar; location: URL; status: number; uid: string | null; body: string }> {
  const jar = new CookieJar();
  const res = await browse(jar, authorizeUrl(baseUrl, p));
  const location = new URL(res.headers.get('location') ?? baseUrl);
  const uid = /\/oauth\/consent\/([^/?]+)$/.exec(location.pathname)?.[1] ?? null;
  return { jar, location, status: res.status, uid, body: await res.text() };
}

/** Follows the api's redirects (resume, authorization) until the browser is sent away from the api. */
export async function followToClient(baseUrl: string, jar: CookieJar, url: string): Promise<URL> {
  let next = new URL(url);
  for (let hops = 0; hops < 5 && next.origin === new URL(baseUrl).origin; hops++) {
    const res = await browse(jar, next.toString());
    const location = res.headers.get('location');
    if (!location) throw new Error(`${next.pathname} answered ${res.status}: ${await res.text()}`);
    next = new URL(location, next);
  }
  return next;
}

/** The whole sign-in of a person through the console: the authorization code the client gets back. */
export async function signInWithConsole(
  baseUrl: string,
  console: ApiClient,
  p: AuthorizeParams,
): Promise<{ code: string; redirect: URL }> {
  const started = await startAuthorization(baseUrl, p);
  if (!started.uid) throw new Error(`no consent page: ${started.status} ${started.location} ${started.body}`);
  const decided = await console.post<{ redirect_to: string }>(`/api/v1/oauth/interactions/${started.uid}`, {
    decision: 'allow',
  });
  if (decided.status !== 200) throw new Error(`consent answered ${decided.status}: ${decided.text}`);
  const redirect = await followToClient(baseUrl, started.jar, decided.body.redirect_to);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code: ${redirect}`);
  return { code, redirect };
}

export interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  token_type?: string;
  error?: string;
  error_description?: string;
}

/** A form POST to one of the provider's endpoints, as a public client sends it. */
export async function formPost(
  baseUrl: string,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; body: TokenAnswer }> {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as TokenAnswer) : {} };
}
