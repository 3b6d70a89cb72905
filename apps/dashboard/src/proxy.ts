import { NextResponse, type NextRequest } from 'next/server';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';

/**
 * One origin for the browser: these paths are served by the api behind the dashboard.
 * This is a proxy rather than `rewrites` in next.config because `next build` freezes rewrite
 * destinations into the build, while API_INTERNAL_URL is only known where the dashboard runs
 * (`http://api:3001` in docker compose, an ephemeral port in tests).
 */
export function proxy(request: NextRequest): NextResponse {
  const api = (process.env.API_INTERNAL_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(new URL(`${api}${pathname}${search}`));
}

export const config = {
  matcher: ['/api/:path*', '/healthz', '/readyz', '/mcp/:path*'],
};
