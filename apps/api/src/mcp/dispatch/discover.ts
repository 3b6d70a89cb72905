import { SERVER_INFO_META, type ServerInfo } from './modern-results';
import { SUPPORTED_PROTOCOL_VERSIONS } from './protocol-versions';

/**
 * How long a client may reuse `server/discover`. Versions, capabilities and instructions change only with a new
 * release of the gateway, and they are the same for every MCP URL, so any cache may share them.
 */
export const DISCOVER_TTL_MS = 300_000;

export interface DiscoverOptions {
  serverInfo: ServerInfo;
  instructions: string;
  /** Extensions this gateway implements, by identifier (for example the tasks extension). */
  extensions?: Record<string, Record<string, unknown>>;
}

/**
 * The `server/discover` result (MCP 2026-07-28): every revision this URL speaks, the tools capability (with
 * list-change notifications over `subscriptions/listen`), the instructions and the server's identity in `_meta`.
 * No `logging` capability: the gateway sends no log notifications, and 2026-07-28 deprecates the feature.
 */
export function discoverResult(options: DiscoverOptions): Record<string, unknown> {
  const extensions = options.extensions ?? {};
  return {
    resultType: 'complete',
    supportedVersions: SUPPORTED_PROTOCOL_VERSIONS,
    capabilities: {
      tools: { listChanged: true },
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    },
    instructions: options.instructions,
    ttlMs: DISCOVER_TTL_MS,
    cacheScope: 'public',
    _meta: { [SERVER_INFO_META]: options.serverInfo },
  };
}
