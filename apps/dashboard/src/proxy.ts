import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from '@/lib/content-security-policy';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';
/**
 * The api's paths, besides the consent page (`/oauth/consent/…`), which is the dashboard's own: the sign-in URLs'
 * protected resource metadata, the MCP authorization server's endpoints and its metadata are published under
 * PUBLIC_URL, which may be this origin.
 */
const API_PATHS =
  /^\/(api|mcp)(\/|$)|^\/(healthz|readyz)$|^\/oauth\/(?!consent(\/|$))|^\/\.well-known\/(oauth-protected-resource(\/|$)|(oauth-authorization-server|openid-configuration)$)/;
const CLIENT_IP_HEADER = 'x-gateway-client-ip';
const CLIENT_IP_SIGNATURE_HEADER = 'x-gateway-client-ip-signature';

/**
 * One origin for the browser: these paths are served by the api behind the dashboard.
 * This is a proxy rather than `rewrites` in next.config because `next build` freezes rewrite
 * destinations into the build, while API_INTERNAL_URL is only known where the dashboard runs
 * (`http://haproxy:3001` in docker compose, the api Service in Kubernetes, an ephemeral port in tests).
 */
async function forwardToApi(request: NextRequest): Promise<NextResponse> {
  const api = (process.env.API_INTERNAL_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  const { pathname, search } = request.nextUrl;
  const target = new URL(`${api}${pathname}${search}`);
  const headers = await withClientAddress(request.headers, process.env.CLIENT_IP_SECRET);
  return headers ? NextResponse.rewrite(target, { request: { headers } }) : NextResponse.rewrite(target);
}

/**
 * The api sees the dashboard as the client of everything proxied here; with CLIENT_IP_SECRET (shared with the api
 * only) the browser's address goes along, signed, so rate limits and audit rows name the browser. A browser's own
 * copy of these headers is dropped: only this signature can make the api believe an address.
 */
async function withClientAddress(incoming: Headers, secret: string | undefined): Promise<Headers | null> {
  if (!secret) return null;
  const headers = new Headers(incoming);
  headers.delete(CLIENT_IP_HEADER);
  headers.delete(CLIENT_IP_SIGNATURE_HEADER);
  // Next.js sets X-Forwarded-For to the peer's address when no proxy in front of it did.
  const address = incoming.get('x-forwarded-for')?.split(',').pop()?.trim();
  if (address) {
    headers.set(CLIENT_IP_HEADER, address);
    headers.set(CLIENT_IP_SIGNATURE_HEADER, await sign(secret, address));
  }
  return headers;
}

let signingKey: { secret: string; key: Promise<CryptoKey> } | undefined;

async function sign(secret: string, address: string): Promise<string> {
  if (signingKey?.secret !== secret) {
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    signingKey = { secret, key };
  }
  const mac = await crypto.subtle.sign('HMAC', await signingKey.key, new TextEncoder().encode(address));
  return Buffer.from(mac).toString('base64url');
}

/**
 * A page gets a fresh nonce and its Content-Security-Policy. Next.js reads the policy from the request to put the
 * nonce on the scripts it renders, so both travel on the request as well as on the response.
 */
function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  if (https) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  return API_PATHS.test(request.nextUrl.pathname)
    ? forwardToApi(request)
    : withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    '/api/:path*',
    '/healthz',
    '/readyz',
    '/mcp/:path*',
    '/oauth/:path*',
    '/.well-known/:path*',
    // Pages; Next.js's static files carry no inline script and need no nonce.
    '/((?!_next/static|_next/image|icon.svg|favicon.ico).*)',
  ],
};
