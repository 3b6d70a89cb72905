/** Revisions that carry their version, client and capabilities in each request's `_meta` (no `initialize`). */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = ['2026-07-28'];

/** Revisions that open with `initialize`, newest first; the oldest two only reach us over the HTTP+SSE pair. */
export const LEGACY_PROTOCOL_VERSIONS: readonly string[] = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
];

/** Every revision `/mcp/{token}` speaks, as `server/discover` and an unsupported-version error list them. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  ...MODERN_PROTOCOL_VERSIONS,
  ...LEGACY_PROTOCOL_VERSIONS,
];

/** A Streamable HTTP request without `MCP-Protocol-Version` predates the header: the spec says to assume this. */
export const HEADERLESS_PROTOCOL_VERSION = '2025-03-26';

/** The error codes MCP 2026-07-28 reserves for protocol failures. */
export const ProtocolErrorCode = {
  HeaderMismatch: -32020,
  MissingRequiredClientCapability: -32021,
  UnsupportedProtocolVersion: -32022,
  InvalidParams: -32602,
} as const;

export type Generation = 'legacy' | 'modern';

/** How one request speaks MCP: a stateless 2026-07-28 request, or part of an `initialize` session. */
export interface RequestProtocol {
  generation: Generation;
  version: string;
}

/** Why a request's protocol cannot be served: answered with HTTP 400 and this JSON-RPC error. */
export interface ProtocolRefusal {
  code: number;
  message: string;
  data?: unknown;
}

export const PROTOCOL_VERSION_META = 'io.modelcontextprotocol/protocolVersion';

export const isModern = (version: string) => MODERN_PROTOCOL_VERSIONS.includes(version);

/**
 * The protocol a POSTed message speaks, from its `MCP-Protocol-Version` header and the version its `_meta`
 * claims. A message is modern when the header names a modern revision or `_meta` names any revision that is not a
 * legacy one; then both must be present and equal (intermediaries route on the header, we act on the body). A message without a modern claim belongs to a legacy session, whose
 * version the header names (or 2025-03-26 when it is absent).
 */
export function protocolOf(
  header: string | undefined,
  params: Record<string, unknown> | undefined,
): RequestProtocol | ProtocolRefusal {
  if (header !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(header)) return unsupported(header);
  const meta = params?.['_meta'];
  const claimed =
    meta !== null && typeof meta === 'object'
      ? (meta as Record<string, unknown>)[PROTOCOL_VERSION_META]
      : undefined;
  const modernHeader = header !== undefined && isModern(header);
  // A legacy version in `_meta` is not a claim: reserved keys are otherwise meaningless to a legacy session.
  const modernClaim = typeof claimed === 'string' && !LEGACY_PROTOCOL_VERSIONS.includes(claimed);
  if (!modernHeader && !modernClaim) {
    return { generation: 'legacy', version: header ?? HEADERLESS_PROTOCOL_VERSION };
  }
  if (header === undefined) {
    return mismatch(
      `the MCP-Protocol-Version header is required and must equal _meta["${PROTOCOL_VERSION_META}"]`,
    );
  }
  if (claimed === undefined) {
    return {
      code: ProtocolErrorCode.InvalidParams,
      message: `Invalid params: _meta["${PROTOCOL_VERSION_META}"] is required`,
    };
  }
  if (claimed !== header) {
    return mismatch(
      `MCP-Protocol-Version header value '${header}' does not match _meta["${PROTOCOL_VERSION_META}"] value '${String(claimed)}'`,
    );
  }
  return { generation: 'modern', version: header };
}

/** The version an `initialize` settles on: the one asked for when it is a legacy revision we speak, else our newest. */
export function legacyVersionFor(requested: unknown): string {
  return typeof requested === 'string' && LEGACY_PROTOCOL_VERSIONS.includes(requested)
    ? requested
    : LEGACY_PROTOCOL_VERSIONS[0];
}

/** `MCP-Protocol-Version` on a request that carries no JSON-RPC message (GET, DELETE): only the version gate. */
export function headerVersionRefusal(header: string | undefined): ProtocolRefusal | null {
  return header === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(header) ? null : unsupported(header);
}

export function isRefusal<T extends object>(value: T | ProtocolRefusal): value is ProtocolRefusal {
  return 'code' in value;
}

function unsupported(requested: string): ProtocolRefusal {
  return {
    code: ProtocolErrorCode.UnsupportedProtocolVersion,
    message: `Unsupported protocol version ${requested.slice(0, 40)}; supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`,
    data: { supported: SUPPORTED_PROTOCOL_VERSIONS, requested },
  };
}

const mismatch = (detail: string): ProtocolRefusal => ({
  code: ProtocolErrorCode.HeaderMismatch,
  message: `Header mismatch: ${detail}`,
});
