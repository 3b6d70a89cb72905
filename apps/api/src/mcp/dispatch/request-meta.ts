import { ProtocolErrorCode, type ProtocolRefusal } from './protocol-versions';

export const CLIENT_INFO_META = 'io.modelcontextprotocol/clientInfo';
export const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities';
export const LOG_LEVEL_META = 'io.modelcontextprotocol/logLevel';

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** The client a request names (the SDK clients send at most 100 characters of either). */
export interface RequestClient {
  name: string;
  version: string;
}

/** What a 2026-07-28 request says about its client in `_meta`, read once per request. */
export interface ModernRequestMeta {
  client: RequestClient | null;
  /** Declared for this request only; nothing carries over to the next one. */
  capabilities: Record<string, unknown>;
}

/**
 * The per-request fields of a 2026-07-28 request's `_meta`: client capabilities are required, client info and log
 * level optional but checked when present. The gateway sends no log notifications, so a valid log level changes
 * nothing.
 */
export function readModernMeta(
  params: Record<string, unknown> | undefined,
): ModernRequestMeta | ProtocolRefusal {
  const meta = objectAt(params, '_meta');
  if (!meta) return invalid('_meta is required on every 2026-07-28 request');
  const capabilities = objectAt(meta, CLIENT_CAPABILITIES_META);
  if (!capabilities) return invalid(`_meta["${CLIENT_CAPABILITIES_META}"] must be an object`);
  const info = meta[CLIENT_INFO_META];
  let client: RequestClient | null = null;
  if (info !== undefined) {
    const name = objectAt(meta, CLIENT_INFO_META)?.['name'];
    const version = objectAt(meta, CLIENT_INFO_META)?.['version'];
    if (typeof name !== 'string' || typeof version !== 'string') {
      return invalid(`_meta["${CLIENT_INFO_META}"] must be {name, version} strings`);
    }
    client = { name, version };
  }
  const level = meta[LOG_LEVEL_META];
  if (level !== undefined && !(typeof level === 'string' && LOG_LEVELS.includes(level))) {
    return invalid(`_meta["${LOG_LEVEL_META}"] must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return { client, capabilities };
}

/** Whether a client declared an extension (`clientCapabilities.extensions[id]`) on this request. */
export function declaresExtension(meta: ModernRequestMeta, extension: string): boolean {
  const extensions = objectAt(meta.capabilities, 'extensions');
  return extensions !== null && objectAt(extensions, extension) !== null;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A W3C `traceparent` from `_meta` (any protocol version), with its trace id. */
export interface TraceContext {
  traceparent: string;
  traceId: string;
}

/**
 * `_meta.traceparent` when it is a well-formed W3C Trace Context value (version 00, non-zero ids). Anything else is
 * ignored rather than refused: the W3C rule for a bad parent is to start a new trace, not to fail the request.
 */
export function traceContextOf(params: Record<string, unknown> | undefined): TraceContext | null {
  const value = objectAt(params, '_meta')?.['traceparent'];
  if (typeof value !== 'string') return null;
  const match = TRACEPARENT.exec(value);
  if (!match) return null;
  const [, version, traceId, parentId] = match;
  if (version !== '00' || /^0+$/.test(traceId) || /^0+$/.test(parentId)) return null;
  return { traceparent: value, traceId };
}

function objectAt(holder: Record<string, unknown> | undefined, key: string): Record<string, unknown> | null {
  const value = holder?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const invalid = (detail: string): ProtocolRefusal => ({
  code: ProtocolErrorCode.InvalidParams,
  message: `Invalid params: ${detail}`,
});
