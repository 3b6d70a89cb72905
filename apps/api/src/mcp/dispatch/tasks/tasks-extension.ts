import { rpcError, type JsonRpcId, type JsonRpcResponse } from '../json-rpc';
import { ProtocolErrorCode } from '../protocol-versions';
import { CLIENT_CAPABILITIES_META, declaresExtension, type ModernRequestMeta } from '../request-meta';

/** The MCP Tasks extension (2026-07-28): queued calls answer with a task their client polls. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** What `server/discover` adds to `capabilities.extensions`: no settings, an empty object says "supported". */
export const TASKS_EXTENSION_CAPABILITY = { [TASKS_EXTENSION]: {} };

/**
 * Whether this request's client takes tasks: a 2026-07-28 request listing the extension in its own `_meta` client
 * capabilities. Nothing an earlier request said carries over, and a 2025-11-25 session never does (that revision's
 * tasks are another, client-driven design the gateway does not offer: docs/adr/0013-queued-writes-as-tasks.md).
 */
export function takesTasks(meta: ModernRequestMeta | null): boolean {
  return meta !== null && declaresExtension(meta, TASKS_EXTENSION);
}

/** The extension's answer to `tasks/*` from a request that did not declare it. */
export function missingTasksCapability(id: JsonRpcId, method: string): JsonRpcResponse {
  return rpcError(
    id,
    ProtocolErrorCode.MissingRequiredClientCapability,
    `Missing required client capability: ${method} needs the ${TASKS_EXTENSION} extension in this request's _meta["${CLIENT_CAPABILITIES_META}"].extensions`,
    { requiredCapabilities: { extensions: TASKS_EXTENSION_CAPABILITY } },
  );
}
