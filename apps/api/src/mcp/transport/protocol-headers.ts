import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which body field `Mcp-Name` mirrors, per method (2026-07-28 Streamable HTTP, standard request headers; the
 * tasks extension's methods name their task).
 */
const MCP_NAME_SOURCE: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};

const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Visible ASCII, space and tab: what a header value may carry without the Base64 sentinel (RFC 9110 §5.5). */
const PLAIN_HEADER_VALUE = /^[\x20-\x7e\t]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Why a 2026-07-28 request's `Mcp-Method` / `Mcp-Name` headers cannot be trusted, or null when they mirror the
 * body. Intermediaries may route on these headers while the gateway acts on the body, so a request whose two
 * disagree is refused (with HeaderMismatch, by the caller) rather than served.
 */
export function standardHeaderProblem(
  headers: IncomingHttpHeaders,
  method: string,
  params: Record<string, unknown> | undefined,
): string | null {
  const methodHeader = single(headers['mcp-method']);
  if (methodHeader === undefined) return 'the Mcp-Method header is required';
  if (methodHeader !== method) {
    return `Mcp-Method header value '${methodHeader}' does not match body method '${method}'`;
  }
  const field = Object.hasOwn(MCP_NAME_SOURCE, method) ? MCP_NAME_SOURCE[method] : undefined;
  if (field === undefined) return null;
  const bodyValue = params?.[field];
  if (typeof bodyValue !== 'string') return null;
  const raw = single(headers['mcp-name']);
  if (raw === undefined) return `the Mcp-Name header is required for ${method} (params.${field})`;
  const decoded = decodeHeaderValue(raw);
  if (decoded === null) return 'the Mcp-Name header value is malformed';
  if (decoded !== bodyValue) {
    return `Mcp-Name header value '${raw}' does not match body params.${field} '${bodyValue}'`;
  }
  return null;
}

/**
 * A mirrored header's value: plain visible ASCII as is, or the UTF-8 text inside the `=?base64?…?=` sentinel. Null
 * for a value that is neither (raw non-ASCII, bad Base64, bytes that are not UTF-8).
 */
export function decodeHeaderValue(value: string): string | null {
  if (value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX) && value.length >= 11) {
    const encoded = value.slice(BASE64_PREFIX.length, -BASE64_SUFFIX.length);
    if (!BASE64.test(encoded)) return null;
    try {
      return utf8.decode(Buffer.from(encoded, 'base64'));
    } catch {
      return null;
    }
  }
  return PLAIN_HEADER_VALUE.test(value) ? value : null;
}

/** One header's value. Node joins a repeated custom header with ", ", which then matches no body value. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
