import { ErrorCode, rpcError, type JsonRpcResponse } from './json-rpc';

/** JSON-RPC batches came with MCP 2025-03-26 and were removed in 2025-06-18. */
const LAST_VERSION_WITH_BATCHES = '2025-03-26';
/** One POST runs its messages one after another; a cap keeps a single request from holding a server for long. */
export const MAX_BATCH_MESSAGES = 20;

/**
 * Why a POSTed JSON array is refused (answered with HTTP 400 and this error, as the MCP SDK answers), or null.
 * `version` is the `MCP-Protocol-Version` header, already checked to be one this gateway speaks; a client that
 * sends none is taken to speak 2025-03-26, as the spec says.
 */
export function batchRefusal(batch: unknown[], version: string | undefined): JsonRpcResponse | null {
  if (version !== undefined && version > LAST_VERSION_WITH_BATCHES) {
    return invalid(
      `MCP ${version} does not support JSON-RPC batches (removed in 2025-06-18); send one message per request`,
    );
  }
  if (batch.length === 0) return invalid('empty batch');
  if (batch.length > MAX_BATCH_MESSAGES) {
    return invalid(`a batch must not exceed ${MAX_BATCH_MESSAGES} messages; it has ${batch.length}`);
  }
  if (batch.some(isInitialize)) return invalid('initialize must not be part of a JSON-RPC batch');
  return null;
}

function isInitialize(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)['method'] === 'initialize'
  );
}

const invalid = (reason: string) => rpcError(null, ErrorCode.InvalidRequest, `Invalid Request: ${reason}`);
