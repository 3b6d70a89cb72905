import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from '@/lib/content-security-policy';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';
const API_PATHS = /^\/(api|mcp)(\/|$)|^\/(healthz|readyz)$/;

/**
 * One origin for the browser: these paths are served by the api behind the dashboard.
 * This is a proxy rather than `rewrites` in next.config because `next build` freezes rewrite
 * destinations into the build, while API_INTERNAL_URL is only known where the dashboard runs
 * (`http://api:3001` in docker compose, an ephemeral port in tests).
 */
function forwardToApi(request: NextRequest): NextResponse {
  const api = (process.env.API_INTERNAL_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(new URL(`${api}${pathname}${search}`));
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

export function proxy(request: NextRequest): NextResponse {
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
    // Pages; Next.js's static files carry no inline script and need no nonce.
    '/((?!_next/static|_next/image|icon.svg|favicon.ico).*)',
  ],
};
