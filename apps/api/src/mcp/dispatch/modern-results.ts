import type { ToolSelection } from '@gw/mcp-tools';

export const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';
export const SUBSCRIPTION_ID_META = 'io.modelcontextprotocol/subscriptionId';

/**
 * How long a client may reuse a `tools/list` result. A URL's tools change only when an admin edits its filters, and
 * a call to a tool taken away meanwhile is refused (FORBIDDEN) however old the client's list, so a minute of
 * staleness costs nothing but saves a listing per conversation turn.
 */
export const TOOLS_LIST_TTL_MS = 60_000;

/** Implementation info as results carry it in `_meta` (the 2026-07-28 per-response field). */
export interface ServerInfo {
  name: string;
  version: string;
  title?: string;
}

/**
 * Result JSON for 2026-07-28, built by splicing fields in front of a result serialized once: every result says
 * `resultType: "complete"` and names the server in `_meta`. A 2025-11-25 client gets the same result without them,
 * so both generations share one serialization of each tool result and listing.
 */
export class ModernResults {
  private readonly head: string;
  private readonly listings = new WeakMap<ToolSelection, string>();

  constructor(private readonly serverInfo: ServerInfo) {
    this.head = this.headWith({});
  }

  /** `json` (an object without `resultType` or `_meta`) as a 2026-07-28 result; `meta` adds to its `_meta`. */
  result(json: string, meta?: Record<string, unknown>): string {
    const head = meta ? this.headWith(meta) : this.head;
    return json === '{}' ? `${head}}` : `${head},${json.slice(1)}`;
  }

  private headWith(meta: Record<string, unknown>): string {
    return `{"resultType":"complete","_meta":${JSON.stringify({ [SERVER_INFO_META]: this.serverInfo, ...meta })}`;
  }

  /**
   * A server's `tools/list` result with its caching hints, made once per tool selection. The listing differs
   * between MCP URLs, each its own authorization context, so it is private to the caller.
   */
  listing(selection: ToolSelection): string {
    let json = this.listings.get(selection);
    if (json === undefined) {
      json = this.result(`{"ttlMs":${TOOLS_LIST_TTL_MS},"cacheScope":"private",${selection.json.slice(1)}`);
      this.listings.set(selection, json);
    }
    return json;
  }
}
