// @ts-check
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

// `/api/*`, `/healthz`, `/readyz` and `/mcp/*` reach the api through src/proxy.ts (read there at run time).
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // One lockfile at the workspace root: let Turbopack and file tracing see the hoisted node_modules.
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  experimental: {
    // MCP streams and queued tool calls proxied to the api can stay open longer than the 30 s default.
    proxyTimeout: 5 * 60 * 1000,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
