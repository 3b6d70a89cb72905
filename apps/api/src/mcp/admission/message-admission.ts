import {
  protocolOf,
  isRefusal,
  ProtocolErrorCode,
  type ProtocolRefusal,
  type RequestProtocol,
} from '../dispatch/protocol-versions';
import {
  readModernMeta,
  traceContextOf,
  type ModernRequestMeta,
  type TraceContext,
} from '../dispatch/request-meta';
import type { JsonRpcRequest } from '../dispatch/json-rpc';
import { header, type McpRequest } from '../mcp-request';
import { standardHeaderProblem } from '../transport/protocol-headers';

/** One JSON-RPC request admitted for its protocol: how it speaks MCP, who it says it is, which trace it is part of. */
export interface AdmittedMessage {
  protocol: RequestProtocol;
  /** A 2026-07-28 request's client and capabilities, read from its own `_meta`; null in a legacy session. */
  meta: ModernRequestMeta | null;
  trace: TraceContext | null;
}

/**
 * The protocol checks of one JSON-RPC request, made with its body in hand (the error must carry its id): the
 * version it speaks, and for 2026-07-28 the standard headers mirroring the body and the required `_meta` fields.
 * Anything refused here is answered with HTTP 400.
 */
export function admitMessage(req: McpRequest, request: JsonRpcRequest): AdmittedMessage | ProtocolRefusal {
  const protocol = protocolOf(header(req, 'mcp-protocol-version'), request.params);
  if (isRefusal(protocol)) return protocol;
  const trace = traceContextOf(request.params);
  if (protocol.generation === 'legacy') return { protocol, meta: null, trace };
  const headerProblem = standardHeaderProblem(req.headers, request.method, request.params);
  if (headerProblem)
    return { code: ProtocolErrorCode.HeaderMismatch, message: `Header mismatch: ${headerProblem}` };
  const meta = readModernMeta(request.params);
  if ('code' in meta) return meta;
  return { protocol, meta, trace };
}
