import { SUPPORTED_PROTOCOL_VERSIONS } from '../dispatch/protocol-versions';
import type { IncomingHttpHeaders } from 'node:http';

/** Browsers send Origin; MCP's DNS-rebinding guard answers 403 to any origin that is not ours or configured. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin) return true;
  return allowed.has(origin.replace(/\/$/, ''));
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The browser origins `/mcp/{token}` accepts: the api's and the dashboard's own, configured ones, and — for an
 * install that serves on a loopback address — the same port under every loopback name (localhost ≡ 127.0.0.1).
 */
export function allowedOrigins(urls: string[]): Set<string> {
  const origins = new Set<string>();
  for (const url of urls) {
    const parsed = new URL(url);
    origins.add(parsed.origin);
    if (LOOPBACK_HOSTS.includes(parsed.hostname)) {
      const port = parsed.port ? `:${parsed.port}` : '';
      for (const host of LOOPBACK_HOSTS) origins.add(`${parsed.protocol}//${host}${port}`);
    }
  }
  return origins;
}

/** Absent means the client predates the header (the spec then assumes 2025-03-26); present must be one we speak. */
export function protocolVersionProblem(headers: IncomingHttpHeaders): string | null {
  const version = headers['mcp-protocol-version'];
  if (version === undefined) return null;
  if (typeof version === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return null;
  return `Unsupported MCP-Protocol-Version ${String(version)}; supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`;
}

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  return /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? null;
}
